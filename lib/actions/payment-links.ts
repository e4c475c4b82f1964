"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { createPaymentLink, setPaymentLinkActive } from "@/lib/checkout/payment-links";
import { paymentLinkInputSchema, paymentLinkToggleSchema } from "@/lib/checkout/schemas";
import { getDb } from "@/lib/db/client";

const pageOf = (storefrontId: string) => `/storefronts/${storefrontId}/links`;

export const createPaymentLinkAction = createAction({ name: "payment_links.create", schema: paymentLinkInputSchema, auth: "admin" }, async (input, { user, address }) => {
  const link = await createPaymentLink(getDb(), { input, actor: user, ip: address });
  revalidatePath(pageOf(input.storefrontId));
  return { status: "success", message: `Created the link ${link.title} (${link.id}).` };
});

export const setPaymentLinkActiveAction = createAction({ name: "payment_links.set_active", schema: paymentLinkToggleSchema, auth: "admin" }, async (input, { user, address }) => {
  const link = await setPaymentLinkActive(getDb(), { ...input, actor: user, ip: address });
  revalidatePath(pageOf(input.storefrontId));
  return { status: "success", message: link.active ? "Link activated." : "Link deactivated: its page takes no more payments." };
});
