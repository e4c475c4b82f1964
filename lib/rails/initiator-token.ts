import { containsBannedCallbackWord, type TokenMode } from "@/lib/rails/callback-token";
import { createHexSubjectToken, verifyHexSubjectToken } from "@/lib/rails/hex-subject-token";

/**
 * The secret path segment of an initiator request's ResultURL and QueueTimeOutURL (Transaction
 * Status today): a hex subject token of purpose "RESULT" naming the request, so its result is
 * stored first and tied to the request it answers before anything reads its body.
 */

export type InitiatorTokenVerdict =
  | { valid: true; requestId: string; mode: TokenMode }
  | { valid: false; reason: string };

export function createInitiatorToken(requestId: string, secret: string, mode: TokenMode): string {
  return createHexSubjectToken("RESULT", requestId, secret, mode);
}

/** Where Daraja posts one request's result, and its queue timeout notice. */
export function initiatorUrlsFor(publicUrl: string, requestId: string, secret: string, mode: TokenMode): { resultUrl: string; queueTimeoutUrl: string } {
  const base = `${publicUrl.replace(/\/+$/, "")}/api/callbacks/results/${createInitiatorToken(requestId, secret, mode)}`;
  const urls = { resultUrl: `${base}/result`, queueTimeoutUrl: `${base}/timeout` };
  if (containsBannedCallbackWord(urls.resultUrl)) throw new Error("PUBLIC_URL contains a word Safaricom refuses in result URLs (M-PESA, Safaricom, exe, cmd, sql, query)");
  return urls;
}

/** Checks shape and signature in constant time; never throws. */
export function verifyInitiatorToken(token: string, secret: string): InitiatorTokenVerdict {
  const v = verifyHexSubjectToken("RESULT", token, secret);
  return v.valid ? { valid: true, requestId: v.subjectId, mode: v.mode } : v;
}
