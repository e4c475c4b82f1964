"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { registerAccountPull } from "@/lib/ledger/pull/register-account-pull";
import { registerPullSchema } from "@/lib/ledger/pull/schemas";

export const registerPullAction = createAction({ name: "ledger_pull.register", schema: registerPullSchema, auth: "admin" }, async (input, { user, address }) => {
  await registerAccountPull(getDb(), getEnv(), { accountId: input.accountId, nominatedNumber: input.nominatedNumber, actor: user, reason: input.reason, ip: address });
  revalidatePath(`/storefronts/${input.storefrontId}/accounts`);
  return { status: "success", message: `Daraja registered the shortcode for Pull Transactions; the worker pulls it every ${getEnv().ledgerPull.intervalMinutes} minutes.` };
});
