import { alertsJob } from "@/lib/alerts/alerts-job";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { housekeepingJob } from "@/lib/housekeeping/housekeeping-job";
import { ledgerPullJob } from "@/lib/ledger/pull/ledger-pull-job";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { processC2bJob } from "@/lib/c2b/process-c2b-job";
import { processVodacomResultJob } from "@/lib/callbacks/process-vodacom-result-job";
import { processInitiatorResultJob } from "@/lib/initiator-requests/process-initiator-result-job";
import { checkPendingRefundsJob } from "@/lib/refunds/check-pending-refunds-job";
import { checkLedgerMissingJob } from "@/lib/ledger/check-ledger-missing-job";
import { matchLedgerJob } from "@/lib/ledger/match-ledger-job";
import { reconcilePaymentJob } from "@/lib/reconcile/reconcile-payment-job";
import { sweepPaymentsJob } from "@/lib/reconcile/sweep-payments-job";
import { webhookDispatchJob } from "@/lib/webhooks/webhook-dispatch-job";

/** Every job the worker runs. Add a definition here and the worker creates its queue and works it. */
export const jobDefinitions: JobDefinition[] = [
  housekeepingJob, processCallbackJob, processC2bJob, webhookDispatchJob, reconcilePaymentJob, sweepPaymentsJob, alertsJob,
  ledgerPullJob, matchLedgerJob, checkLedgerMissingJob, processInitiatorResultJob, checkPendingRefundsJob, processVodacomResultJob,
];
