"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { auditedWebhookResend } from "@/lib/webhooks/audited-webhook-resend";
import { resendWebhookSchema } from "@/lib/dashboard/admin-schemas";
import { getDb } from "@/lib/db/client";

export const resendWebhookAction = createAction({ name: "webhooks.resend", schema: resendWebhookSchema, auth: "admin" }, async (input, { user, address }) => {
  const result = await auditedWebhookResend(getDb(), { deliveryId: input.deliveryId, actor: user, reason: input.reason, ip: address });
  if (result.paymentId) revalidatePath(`/payments/${result.paymentId}`);
  return { status: "success", message: "Queued: the event is sent again within a few seconds; each attempt appears below." };
});
