import type { TokenMode } from "@/lib/rails/callback-token";
import { createHexSubjectToken, verifyHexSubjectToken } from "@/lib/rails/hex-subject-token";

/**
 * The secret path segment of the URL Vodacom posts asynchronous results to. Vodacom takes one
 * response URL per app, entered in its portal (no request names it), so the token names only the
 * mode: it is what keeps anyone who cannot compute an HMAC under CALLBACK_SECRET from posting
 * "results" that the worker would read. Results are matched to payments by conversation id.
 */
const SUBJECT = "results";

export function createVodacomResultToken(secret: string, mode: TokenMode): string {
  return createHexSubjectToken("VODACOM", SUBJECT, secret, mode);
}

export type VodacomResultTokenVerdict = { valid: true; mode: TokenMode } | { valid: false; reason: string };

/** Checks shape and signature in constant time; never throws. */
export function verifyVodacomResultToken(token: string, secret: string): VodacomResultTokenVerdict {
  const v = verifyHexSubjectToken("VODACOM", token, secret);
  if (!v.valid) return v;
  return v.subjectId === SUBJECT ? { valid: true, mode: v.mode } : { valid: false, reason: "the token names something else" };
}
