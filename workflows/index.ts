export { pathwayWorkflow } from './pathway.workflow';
export { mailOutboxWorkflow } from './mail-outbox.workflow';
