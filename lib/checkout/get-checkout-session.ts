import type { Db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { Mode } from "@/lib/generated/prisma/client";
import type { SessionWithPayment } from "@/lib/checkout/public-checkout-session";

const WITH_PAYMENT = { payment: { include: { attempts: { orderBy: { sequence: "asc" as const } } } } };

/** A storefront's session by id, scoped to its key's storefront and mode (another's is a 404). */
export async function getCheckoutSessionOrThrow(db: Db, where: { id: string; storefrontId: string; mode: Mode }): Promise<SessionWithPayment> {
  const session = await db.checkoutSession.findFirst({ where, include: WITH_PAYMENT });
  if (!session) throw new AppError("not_found", `No such checkout session: ${where.id}`, { param: "id" });
  return session;
}

/** The customer's session by its URL token; an unknown or malformed token is a 404. */
export async function getCheckoutByTokenOrThrow(db: Db, token: string): Promise<SessionWithPayment> {
  const session = /^[0-9A-Za-z]{32}$/.test(token) ? await db.checkoutSession.findUnique({ where: { token }, include: WITH_PAYMENT }) : null;
  if (!session) throw new AppError("not_found", "No such checkout.");
  return session;
}

export function returnSecretOf(session: { returnSecretEncrypted: string }, dataSecret: string): string {
  return decryptSecret(session.returnSecretEncrypted, dataSecret);
}
