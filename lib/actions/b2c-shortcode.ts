"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { saveB2cShortcodeSchema } from "@/lib/collection-accounts/b2c-schemas";
import { saveAccountB2cShortcode } from "@/lib/collection-accounts/save-account-b2c-shortcode";
import { getDb } from "@/lib/db/client";

export const saveB2cShortcodeAction = createAction({ name: "collection_accounts.b2c_shortcode", schema: saveB2cShortcodeSchema, auth: "admin" }, async (input, { user, address }) => {
  const account = await saveAccountB2cShortcode(getDb(), { input, actor: user, ip: address, now: new Date() });
  revalidatePath(`/storefronts/${input.storefrontId}/accounts`);
  return { status: "success", message: account.b2cShortcode
    ? `Partial refunds from this account are paid by B2C from shortcode ${account.b2cShortcode}.`
    : "This account has no B2C shortcode now: its refunds are whole, by Reversal." };
});
