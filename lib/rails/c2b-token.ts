import { createHmac, timingSafeEqual } from "node:crypto";
import { containsBannedCallbackWord, type TokenMode } from "@/lib/rails/callback-token";

/**
 * The secret path segment of a collection account's C2B URLs:
 * `<account id in hex>.<T|L>.<hex HMAC-SHA256 of "C2B:<mode>:<account id>" under CALLBACK_SECRET>`.
 * Like the STK token it names its subject and verifies without a lookup. It is written in hex on
 * purpose: Safaricom refuses C2B URLs containing M-PESA, Safaricom, exe, exec, cmd, sql or query in
 * any casing, and hex digits (with the T/L mode letter) can spell none of them, whatever the id.
 */

const TOKEN_PATTERN = /^((?:[0-9a-f]{2}){4,64})\.([TL])\.([0-9a-f]{64})$/;

export type C2bTokenVerdict =
  | { valid: true; accountId: string; mode: TokenMode }
  | { valid: false; reason: string };

export function createC2bToken(accountId: string, secret: string, mode: TokenMode): string {
  return `${Buffer.from(accountId, "utf8").toString("hex")}.${mode[0]}.${sign(mode, accountId, secret)}`;
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
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { valid: false, reason: "the token is not of the form <account>.<mode>.<signature>" };
  const accountId = Buffer.from(match[1]!, "hex").toString("utf8");
  const mode: TokenMode = match[2] === "T" ? "TEST" : "LIVE";
  const expected = Buffer.from(sign(mode, accountId, secret), "utf8");
  if (!timingSafeEqual(Buffer.from(match[3]!, "utf8"), expected)) return { valid: false, reason: "the token's signature does not match" };
  return { valid: true, accountId, mode };
}

function sign(mode: TokenMode, accountId: string, secret: string): string {
  return createHmac("sha256", secret).update(`C2B:${mode}:${accountId}`).digest("hex");
}
