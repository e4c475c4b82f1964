"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { changeAccountState } from "@/lib/collection-accounts/change-account-state";
import { saveDarajaAccount } from "@/lib/collection-accounts/save-daraja-account";
import { saveVodacomAccount } from "@/lib/collection-accounts/save-vodacom-account";
import { saveVodacomAccountSchema } from "@/lib/collection-accounts/vodacom-account-schemas";
import { accountActionSchema, saveDarajaAccountSchema, testAccountSchema } from "@/lib/collection-accounts/schemas";
import { testAccountConnection } from "@/lib/collection-accounts/test-account-connection";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

const pageOf = (storefrontId: string) => `/storefronts/${storefrontId}/accounts`;

export const saveCollectionAccountAction = createAction({ name: "collection_accounts.save", schema: saveDarajaAccountSchema, auth: "admin" }, async (input, { user, address }) => {
  const account = await saveDarajaAccount(getDb(), { input, actor: user, ip: address, env: getEnv() });
  revalidatePath(pageOf(input.storefrontId));
  revalidatePath("/storefronts");
  return { status: "success", message: `${input.accountId ? "Saved" : "Added"} ${account.name} (${account.id}). Its secrets are stored encrypted and not shown again.` };
});

export const saveVodacomAccountAction = createAction({ name: "collection_accounts.save_vodacom", schema: saveVodacomAccountSchema, auth: "admin" }, async (input, { user, address }) => {
  const account = await saveVodacomAccount(getDb(), { input, actor: user, ip: address, env: getEnv() });
  revalidatePath(pageOf(input.storefrontId));
  revalidatePath("/storefronts");
  return { status: "success", message: `${input.accountId ? "Saved" : "Added"} ${account.name} (${account.id}, ${account.currency}). Its API key and public key are stored encrypted and not shown again.` };
});

export const testCollectionAccountAction = createAction({ name: "collection_accounts.test", schema: testAccountSchema, auth: "admin" }, async (input, { user, address }) => {
  const result = await testAccountConnection(getDb(), { ...input, actor: user, ip: address, env: getEnv() });
  revalidatePath(pageOf(input.storefrontId));
  return result.ok ? { status: "success", message: `Connection works. ${result.message}` } : { status: "error", message: `Connection failed: ${result.message}` };
});

export const disableCollectionAccountAction = createAction({ name: "collection_accounts.disable", schema: accountActionSchema, auth: "admin" }, async (input, { user, address }) => {
  await changeAccountState(getDb(), { ...input, change: "disable", actor: user, ip: address });
  revalidatePath(pageOf(input.storefrontId));
  return { status: "success", message: "Account disabled: new payments cannot use it; its payments are still checked with it." };
});

export const enableCollectionAccountAction = createAction({ name: "collection_accounts.enable", schema: accountActionSchema, auth: "admin" }, async (input, { user, address }) => {
  await changeAccountState(getDb(), { ...input, change: "enable", actor: user, ip: address });
  revalidatePath(pageOf(input.storefrontId));
  return { status: "success", message: "Account enabled." };
});

export const makeDefaultCollectionAccountAction = createAction({ name: "collection_accounts.make_default", schema: accountActionSchema, auth: "admin" }, async (input, { user, address }) => {
  await changeAccountState(getDb(), { ...input, change: "make_default", actor: user, ip: address });
  revalidatePath(pageOf(input.storefrontId));
  revalidatePath("/storefronts");
  return { status: "success", message: "This is now the default account of its mode." };
});
