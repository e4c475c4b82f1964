import type { Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/in-transaction";

export interface ThrottleSettings {
  /** Failures allowed per account and address in a window. */
  maxAttempts: number;
  /** Failures allowed per address in a window, whatever the accounts (offices share one address). */
  maxAttemptsPerAddress: number;
  windowSeconds: number;
}

export type Reservation = { ok: true; attemptId: bigint } | { ok: false };

/**
 * Takes a slot for one sign-in attempt before its password is checked, or refuses it. The slot is
 * written as a failure, in the same transaction that counted the failures, under advisory locks on
 * the account-and-address pair and on the address: parallel attempts queue there, so no more than
 * the limit ever reach the password hash, however many arrive at once. A correct sign-in turns its
 * slot into a success (markSignInSucceeded); a crash leaves it a failure, which is the safe side.
 *
 * Failures are counted per account *and* address, plus a higher ceiling per address: a stranger
 * failing from their own address cannot lock the account owner out of it from another one.
 * Failures before the pair's last success are forgiven.
 */
export async function reserveSignInAttempt(db: Db, email: string, ip: string, s: ThrottleSettings, now = new Date()): Promise<Reservation> {
  const windowStart = new Date(now.getTime() - s.windowSeconds * 1000);
  return inTransaction(db, async (tx) => {
    // Always pair first, then address: one order everywhere, so two attempts never deadlock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`signin:pair:${email} ${ip}`}, 0))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`signin:addr:${ip}`}, 0))`;
    const lastSuccess = await tx.signInAttempt.findFirst({
      where: { email, ip, succeeded: true, createdAt: { gte: windowStart } }, orderBy: { createdAt: "desc" }, select: { createdAt: true },
    });
    const since = lastSuccess && lastSuccess.createdAt > windowStart ? lastSuccess.createdAt : windowStart;
    const pairFailures = await tx.signInAttempt.count({ where: { email, ip, succeeded: false, createdAt: { gt: since } } });
    if (pairFailures >= s.maxAttempts) return { ok: false };
    const addressFailures = await tx.signInAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: windowStart } } });
    if (addressFailures >= s.maxAttemptsPerAddress) return { ok: false };
    const attempt = await tx.signInAttempt.create({ data: { email, ip, succeeded: false, createdAt: now }, select: { id: true } });
    return { ok: true, attemptId: attempt.id };
  });
}

export async function markSignInSucceeded(db: Db, attemptId: bigint): Promise<void> {
  await db.signInAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}

/** Gives a slot back: the password was right and the second step is still to come. */
export async function releaseSignInAttempt(db: Db, attemptId: bigint): Promise<void> {
  await db.signInAttempt.delete({ where: { id: attemptId } });
}
