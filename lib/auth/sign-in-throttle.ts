import type { Db } from "@/lib/db";

export interface ThrottleSettings {
  maxAttempts: number;
  windowSeconds: number;
}

/**
 * Failed sign-ins are counted per account and per address over a sliding window; past the limit
 * every attempt is refused, right or wrong password, until the window moves on.
 */
export async function isSignInThrottled(db: Db, email: string, ip: string, s: ThrottleSettings, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - s.windowSeconds * 1000);
  const [byEmail, byIp] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    // An address gets more room than an account: offices share one public address.
    db.signInAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }),
  ]);
  return byEmail >= s.maxAttempts || byIp >= s.maxAttempts * 4;
}

export async function recordSignInAttempt(db: Db, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.signInAttempt.create({ data: { email, ip, succeeded } });
}
