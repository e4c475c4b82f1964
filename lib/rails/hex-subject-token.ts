import { createHmac, timingSafeEqual } from "node:crypto";
import type { TokenMode } from "@/lib/rails/callback-token";

/**
 * A secret URL path segment naming a subject (an account, a request) and the mode it was issued
 * for: `<subject id in hex>.<T|L>.<hex HMAC-SHA256 of "<purpose>:<mode>:<id>" under CALLBACK_SECRET>`.
 * It verifies without a lookup, and the purpose keeps a token of one kind from standing for
 * another. It is written in hex on purpose: Safaricom refuses notification URLs containing M-PESA,
 * Safaricom, exe, exec, cmd, sql or query in any casing, and hex digits (with the T/L mode letter)
 * can spell none of them, whatever the id.
 */

const TOKEN_PATTERN = /^((?:[0-9a-f]{2}){4,64})\.([TL])\.([0-9a-f]{64})$/;

export type HexSubjectTokenVerdict =
  | { valid: true; subjectId: string; mode: TokenMode }
  | { valid: false; reason: string };

export function createHexSubjectToken(purpose: string, subjectId: string, secret: string, mode: TokenMode): string {
  return `${Buffer.from(subjectId, "utf8").toString("hex")}.${mode[0]}.${sign(purpose, mode, subjectId, secret)}`;
}

/** Checks shape and signature in constant time; never throws. */
export function verifyHexSubjectToken(purpose: string, token: string, secret: string): HexSubjectTokenVerdict {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { valid: false, reason: "the token is not of the form <subject>.<mode>.<signature>" };
  const subjectId = Buffer.from(match[1]!, "hex").toString("utf8");
  const mode: TokenMode = match[2] === "T" ? "TEST" : "LIVE";
  const expected = Buffer.from(sign(purpose, mode, subjectId, secret), "utf8");
  if (!timingSafeEqual(Buffer.from(match[3]!, "utf8"), expected)) return { valid: false, reason: "the token's signature does not match" };
  return { valid: true, subjectId, mode };
}

function sign(purpose: string, mode: TokenMode, subjectId: string, secret: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${mode}:${subjectId}`).digest("hex");
}
