import { alertsJob } from "@/lib/alerts/alerts-job";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { housekeepingJob } from "@/lib/jobs/housekeeping-job";
import { processCallbackJob } from "@/lib/jobs/process-callback-job";
import { reconcilePaymentJob } from "@/lib/jobs/reconcile-payment-job";
import { sweepPaymentsJob } from "@/lib/jobs/sweep-payments-job";
import { webhookDispatchJob } from "@/lib/jobs/webhook-dispatch-job";

/** Every job the worker runs. Add a definition here and the worker creates its queue and works it. */
export const jobDefinitions: JobDefinition[] = [housekeepingJob, processCallbackJob, webhookDispatchJob, reconcilePaymentJob, sweepPaymentsJob, alertsJob];
