import { containsBannedCallbackWord, type TokenMode } from "@/lib/rails/callback-token";
import { createHexSubjectToken, verifyHexSubjectToken } from "@/lib/rails/hex-subject-token";

/**
 * The secret path segment of a collection account's C2B URLs: a hex subject token
 * (lib/rails/hex-subject-token.ts) of purpose "C2B" naming the account. Like the STK token it
 * names its subject and verifies without a lookup, and it can never spell a word Safaricom refuses.
 */

export type C2bTokenVerdict =
  | { valid: true; accountId: string; mode: TokenMode }
  | { valid: false; reason: string };

export function createC2bToken(accountId: string, secret: string, mode: TokenMode): string {
  return createHexSubjectToken("C2B", accountId, secret, mode);
}

/** Where Daraja sends one account's confirmations and validation requests. */
export function c2bUrlsFor(publicUrl: string, accountId: string, secret: string, mode: TokenMode): { confirmationUrl: string; validationUrl: string } {
  const base = `${publicUrl.replace(/\/+$/, "")}/api/callbacks/c2b/${createC2bToken(accountId, secret, mode)}`;
  const urls = { confirmationUrl: `${base}/confirmation`, validationUrl: `${base}/validation` };
  // Only the host can bring a banned word in: say so before Daraja refuses it.
  if (containsBannedCallbackWord(urls.confirmationUrl)) throw new Error("PUBLIC_URL contains a word Safaricom refuses in C2B URLs (M-PESA, Safaricom, exe, cmd, sql, query)");
  return urls;
}

/** Checks shape and signature in constant time; never throws. */
export function verifyC2bToken(token: string, secret: string): C2bTokenVerdict {
  const v = verifyHexSubjectToken("C2B", token, secret);
  return v.valid ? { valid: true, accountId: v.subjectId, mode: v.mode } : v;
}
