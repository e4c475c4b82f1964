"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { registerAccountC2b } from "@/lib/c2b/register-account-c2b";
import { attachUnattachedReceipt, markReceiptDirect } from "@/lib/c2b/resolve-unattached-receipt";
import { attachReceiptSchema, markDirectSchema, registerC2bSchema } from "@/lib/c2b/schemas";
import { setC2bValidationRule, setValidationRuleSchema } from "@/lib/c2b/set-validation-rule";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export const registerC2bUrlsAction = createAction({ name: "c2b.register", schema: registerC2bSchema, auth: "admin" }, async (input, { user, address }) => {
  await registerAccountC2b(getDb(), getEnv(), { accountId: input.accountId, actor: user, reason: input.reason, ip: address });
  revalidatePath(`/storefronts/${input.storefrontId}/accounts`);
  return { status: "success", message: "Daraja registered the C2B confirmation and validation URLs of this account." };
});

export const setC2bValidationRuleAction = createAction({ name: "c2b.validation_rule", schema: setValidationRuleSchema, auth: "admin" }, async (input, { user }) => {
  await setC2bValidationRule(getDb(), { ...input, pattern: input.pattern ?? undefined }, user);
  revalidatePath(`/storefronts/${input.storefrontId}/accounts`);
  return { status: "success", message: "Validation rule saved." };
});

// Finance staff close the day against the statement: attaching a receipt is theirs as much as an admin's.
export const attachReceiptAction = createAction({ name: "c2b.attach", schema: attachReceiptSchema, auth: "user" }, async (input, { user, address }) => {
  const receipt = await attachUnattachedReceipt(getDb(), { receiptId: input.receiptId, paymentId: input.paymentId, actor: user, reason: input.reason, ip: address });
  revalidatePath("/receipts");
  return { status: "success", message: `Receipt ${receipt.receipt} attached to payment ${input.paymentId}.` };
});

export const markReceiptDirectAction = createAction({ name: "c2b.mark_direct", schema: markDirectSchema, auth: "user" }, async (input, { user, address }) => {
  const receipt = await markReceiptDirect(getDb(), { receiptId: input.receiptId, actor: user, reason: input.reason, ip: address });
  revalidatePath("/receipts");
  return { status: "success", message: `Receipt ${receipt.receipt} marked as a direct payment.` };
});
