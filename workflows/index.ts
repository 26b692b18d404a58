export { pathwayWorkflow } from './pathway.workflow';
