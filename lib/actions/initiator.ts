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

/**
 * Finance and admins alike, as attaching a C2B receipt is: the answer goes into M-Pesa's ledger,
 * and it settles or fills in this payment only when the ledger's rules tie the money to it.
 */
export const lookUpReceiptAction = createAction({ name: "transaction_status.request", schema: lookUpReceiptSchema, auth: "user" }, async (input, { user, address }) => {
  const request = await askTransactionStatus(getDb(), getEnv(), { ...input, actor: user, ip: address, now: new Date() });
  revalidatePath(`/payments/${input.paymentId}`);
  switch (request.state) {
    case "REFUSED":
    case "FAILED":
      return { status: "error", message: request.summary ?? request.resultDesc ?? "M-Pesa did not answer the lookup." };
    case "QUEUED":
    case "SENDING":
      return { status: "success", message: `Asked M-Pesa about ${request.receipt}; its answer appears below within a few seconds (reload the page).` };
    case "ANSWERED":
    case "TIMED_OUT":
      return { status: "success", message: request.summary ?? "M-Pesa answered." };
    case "UNKNOWN":
      return { status: "error", message: request.resultDesc ?? "Whether Daraja took the request is unknown; a result may still come." };
  }
});
