"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { lookUpReceiptSchema, saveInitiatorSchema } from "@/lib/collection-accounts/initiator-schemas";
import { saveAccountInitiator } from "@/lib/collection-accounts/save-account-initiator";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { askTransactionStatus } from "@/lib/initiator-requests/ask-transaction-status";

export const saveInitiatorAction = createAction({ name: "collection_accounts.initiator", schema: saveInitiatorSchema, auth: "admin" }, async (input, { user, address }) => {
  await saveAccountInitiator(getDb(), { input, actor: user, ip: address, now: new Date(), env: getEnv() });
  revalidatePath(`/storefronts/${input.storefrontId}/accounts`);
  return { status: "success", message: `Saved the initiator ${input.initiatorName}. Its password is stored encrypted and not shown again.` };
});

/** Finance and admins alike: asking M-Pesa changes no payment by itself (the ledger's rules do). */
export const lookUpReceiptAction = createAction({ name: "transaction_status.request", schema: lookUpReceiptSchema, auth: "user" }, async (input, { user, address }) => {
  const request = await askTransactionStatus(getDb(), getEnv(), { ...input, actor: user, ip: address, now: new Date() });
  if (input.paymentId) revalidatePath(`/payments/${input.paymentId}`);
  if (request.state === "REFUSED") return { status: "error", message: request.summary ?? "Daraja refused the request." };
  return {
    status: "success",
    message: request.state === "QUEUED"
      ? `Asked M-Pesa about ${request.receipt}; its answer appears here within a few seconds (reload the page).`
      : request.resultDesc ?? "Whether Daraja took the request is unknown; a result may still come.",
  };
});
