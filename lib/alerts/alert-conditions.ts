import type { AlertCondition } from "@/lib/alerts/alert-condition";
import { callbacksRefusedByAddress } from "@/lib/alerts/conditions/callbacks-refused-by-address";
import { noLiveWorker } from "@/lib/alerts/conditions/no-live-worker";
import { paymentsInReview } from "@/lib/alerts/conditions/payments-in-review";
import { paymentsMissingFromLedger } from "@/lib/alerts/conditions/payments-missing-from-ledger";
import { paymentsStuck } from "@/lib/alerts/conditions/payments-stuck";
import { queryCredentials } from "@/lib/alerts/conditions/query-credentials";
import { refundsAwaitingApproval } from "@/lib/alerts/conditions/refunds-awaiting-approval";
import { refundsUnsettled } from "@/lib/alerts/conditions/refunds-unsettled";
import { spoolPending } from "@/lib/alerts/conditions/spool-pending";
import { spoolQuarantined } from "@/lib/alerts/conditions/spool-quarantined";
import { unattachedReceipts } from "@/lib/alerts/conditions/unattached-receipts";
import { webhookEndpointDisabled } from "@/lib/alerts/conditions/webhook-endpoint-disabled";
import { workerMissing } from "@/lib/alerts/conditions/worker-missing";

/**
 * Every alert condition, in the order the settings page lists them. To add one: write a small file
 * in lib/alerts/conditions/ (an AlertCondition) and list it here; the evaluator, the settings page,
 * both channels and the tests' "one alert per condition" check pick it up.
 */
export const ALERT_CONDITIONS: AlertCondition[] = [
  paymentsStuck, paymentsInReview, paymentsMissingFromLedger, unattachedReceipts, refundsAwaitingApproval, refundsUnsettled, callbacksRefusedByAddress, queryCredentials,
  spoolPending, spoolQuarantined, noLiveWorker, workerMissing, webhookEndpointDisabled,
];
