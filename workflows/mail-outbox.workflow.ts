import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { MailActivities } from '../activities/mail.activities';

export const MAIL_OUTBOX_WORKFLOW_ID = 'ttg-mail-outbox';

const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/** One per deployment: delivers the email outbox every half minute, for ever. */
export async function mailOutboxWorkflow(): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    await mail.deliverPendingMail(50);
    await sleep('30 seconds');
    if (workflowInfo().continueAsNewSuggested) break;
  }
  await continueAsNew<typeof mailOutboxWorkflow>();
}
