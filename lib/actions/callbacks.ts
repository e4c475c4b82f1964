"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { auditedCallbackReprocess } from "@/lib/callbacks/audited-callback-reprocess";
import { reprocessCallbackSchema } from "@/lib/dashboard/admin-schemas";
import { getDb } from "@/lib/db/client";

export const reprocessCallbackAction = createAction({ name: "callbacks.reprocess", schema: reprocessCallbackSchema, auth: "admin" }, async (input, { user, address }) => {
  await auditedCallbackReprocess(getDb(), { callbackId: input.callbackId, actor: user, reason: input.reason, ip: address });
  revalidatePath("/callbacks");
  revalidatePath(`/callbacks/${input.callbackId}`);
  return { status: "success", message: "Callback queued for processing again. Its verdict updates in a few seconds." };
});
