import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";
import { AppError } from "@/lib/errors";
import type { PaymentLink } from "@/lib/generated/prisma/client";
import { createId, randomBase62 } from "@/lib/ids";
import { returnUrlProblem } from "@/lib/checkout/return-url";
import type { PaymentLinkInput } from "@/lib/checkout/schemas";

// What an audit row keeps of a link (no token: it is the link's key).
const audited = (l: PaymentLink) => ({ title: l.title, mode: l.mode, amount: l.amount, minAmount: l.minAmount, maxAmount: l.maxAmount, referencePrefix: l.referencePrefix, active: l.active });

/** An admin makes a reusable payment link for a storefront; audited in the same transaction. */
export async function createPaymentLink(db: Db, options: { input: PaymentLinkInput; actor: AuditActor; ip?: string | null }): Promise<PaymentLink> {
  const { input } = options;
  for (const [param, url] of [["returnUrl", input.returnUrl], ["cancelUrl", input.cancelUrl]] as const) {
    const problem = url ? returnUrlProblem(url, input.mode) : null;
    if (problem) throw new AppError("validation_failed", `${param === "returnUrl" ? "Return URL" : "Cancel URL"} ${problem}`, { param });
  }
  return inTransaction(db, async (tx) => {
    const storefront = await tx.storefront.findUnique({ where: { id: input.storefrontId }, select: { id: true } });
    if (!storefront) throw new AppError("not_found", "No such storefront.");
    const fixed = input.amount !== undefined;
    const link = await tx.paymentLink.create({
      data: {
        id: createId("plink"), storefrontId: input.storefrontId, mode: input.mode, token: randomBase62(24), title: input.title,
        description: input.description ?? null, amount: input.amount ?? null, minAmount: fixed ? null : input.minAmount!, maxAmount: fixed ? null : input.maxAmount!,
        referencePrefix: input.referencePrefix, returnUrl: input.returnUrl ?? null, cancelUrl: input.cancelUrl ?? null,
      },
    });
    await recordAudit(tx, { actor: options.actor, action: "payment_link.create", entityType: "payment_link", entityId: link.id, after: audited(link), ip: options.ip });
    return link;
  });
}

/** Turns a link off (its page then says so and takes no payment) or on again; audited. */
export async function setPaymentLinkActive(db: Db, options: { storefrontId: string; linkId: string; active: boolean; actor: AuditActor; ip?: string | null }): Promise<PaymentLink> {
  return inTransaction(db, async (tx) => {
    const before = await tx.paymentLink.findFirst({ where: { id: options.linkId, storefrontId: options.storefrontId } });
    if (!before) throw new AppError("not_found", "No such payment link.");
    const after = await tx.paymentLink.update({ where: { id: before.id }, data: { active: options.active } });
    await recordAudit(tx, {
      actor: options.actor, action: options.active ? "payment_link.activate" : "payment_link.deactivate", entityType: "payment_link", entityId: before.id,
      before: audited(before), after: audited(after), ip: options.ip,
    });
    return after;
  });
}

/** A storefront's links, newest first, with how many sessions each has opened. */
export async function findPaymentLinks(db: Db, storefrontId: string) {
  return db.paymentLink.findMany({ where: { storefrontId }, orderBy: { createdAt: "desc" }, include: { _count: { select: { sessions: true } } } });
}
