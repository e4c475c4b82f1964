import { createHmac, timingSafeEqual } from "node:crypto";
import { createId } from "@/lib/ids";

/**
 * The secret path segment of a payment's callback URL: `<paymentId>.<base64url HMAC-SHA256 of
 * "<mode>:<id>" under CALLBACK_SECRET>`. Carrying the id makes verification a pure computation (no
 * lookup), and tells the worker which payment the URL was issued for, even before Daraja's ids are
 * known. The signed mode lets the endpoint apply that mode's address check before any lookup.
 * Tokens of earlier versions signed the id alone: they still verify, with no mode (checked as live).
 */

const TOKEN_PATTERN = /^(pay_[0-9A-Za-z]{8,64})\.([A-Za-z0-9_-]{43})$/;
// Safaricom refuses callback URLs containing these, in any casing (lib/rails/daraja/FACTS.md §8).
const BANNED_WORDS = /m-?pesa|safaricom|exe|cmd|sql|query/i;
const MAX_ID_ATTEMPTS = 100;

export type TokenMode = "TEST" | "LIVE";
export type TokenVerdict =
  | { valid: true; paymentId: string; mode: TokenMode | null }
  | { valid: false; paymentId: string | null; reason: string };

export function createCallbackToken(paymentId: string, secret: string, mode: TokenMode): string {
  return `${paymentId}.${sign(`${mode}:${paymentId}`, secret)}`;
}

export function callbackUrlFor(publicUrl: string, paymentId: string, secret: string, mode: TokenMode): string {
  return `${publicUrl.replace(/\/+$/, "")}/api/callbacks/stk/${createCallbackToken(paymentId, secret, mode)}`;
}

/** Checks shape and signature in constant time; never throws. */
export function verifyCallbackToken(token: string, secret: string): TokenVerdict {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { valid: false, paymentId: null, reason: "the token is not of the form <payment id>.<signature>" };
  const paymentId = match[1]!;
  const given = Buffer.from(match[2]!, "utf8");
  // Every candidate is compared, so the time taken does not tell which one (if any) matched.
  const candidates: [TokenMode | null, string][] = [["LIVE", `LIVE:${paymentId}`], ["TEST", `TEST:${paymentId}`], [null, paymentId]];
  let mode: TokenMode | null | undefined;
  for (const [candidateMode, signed] of candidates) {
    if (timingSafeEqual(given, Buffer.from(sign(signed, secret), "utf8")) && mode === undefined) mode = candidateMode;
  }
  if (mode === undefined) return { valid: false, paymentId, reason: "the token's signature does not match" };
  return { valid: true, paymentId, mode };
}

/**
 * A new payment id whose callback path contains none of Safaricom's banned words: random base62
 * and base64url text spells "sql" or "exe" in roughly one URL in 150, so those ids are drawn again.
 */
export function createCallbackSafePaymentId(secret: string, mode: TokenMode): string {
  for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
    const id = createId("pay");
    if (!BANNED_WORDS.test(createCallbackToken(id, secret, mode))) return id;
  }
  throw new Error("Could not draw a payment id without banned words; the id generator is broken");
}

/** The payment id a token names, read from its shape alone (no signature check). */
export function paymentIdOfToken(token: string): string | null {
  return TOKEN_PATTERN.exec(token)?.[1] ?? null;
}

export function containsBannedCallbackWord(text: string): boolean {
  return BANNED_WORDS.test(text);
}

function sign(text: string, secret: string): string {
  return createHmac("sha256", secret).update(text).digest("base64url");
}
