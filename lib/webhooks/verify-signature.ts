import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Verifies a Malipo webhook's `Malipo-Signature` header. Self-contained (node:crypto only) so a
 * storefront can copy this file as it is; the README shows it verbatim.
 *
 * Header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. While a rotated secret is in
 * its grace period Malipo sends one v1 per valid secret; any match is enough. The timestamp is
 * signed too, so refusing old (or future) ones stops a captured request from being replayed.
 * Pass the body exactly as received: re-serialised JSON will not match.
 */

export type VerifyFailure = "malformed_header" | "timestamp_out_of_tolerance" | "signature_mismatch";

export type VerifyResult = { valid: true; timestamp: number } | { valid: false; reason: VerifyFailure };

export interface VerifyMalipoSignatureOptions {
  /** The raw request body, byte for byte as received (decoded as UTF-8). */
  payload: string;
  /** The value of the Malipo-Signature header. */
  header: string;
  /** The endpoint's signing secret (whsec_…). */
  secret: string;
  /** How far the signed time may be from now, either way. */
  toleranceSeconds?: number;
  /** Current time in Unix seconds; defaults to the clock. */
  now?: number;
}

export function verifyMalipoSignature({ payload, header, secret, toleranceSeconds = 300, now = Math.floor(Date.now() / 1000) }: VerifyMalipoSignatureOptions): VerifyResult {
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === undefined || candidates.length === 0) return { valid: false, reason: "malformed_header" };
  if (Math.abs(now - timestamp) > toleranceSeconds) return { valid: false, reason: "timestamp_out_of_tolerance" };

  const expected = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest();
  // Compare against every candidate (no early exit) in constant time per comparison.
  let matched = false;
  for (const candidate of candidates) {
    if (timingSafeEqual(expected, Buffer.from(candidate, "hex"))) matched = true;
  }
  return matched ? { valid: true, timestamp } : { valid: false, reason: "signature_mismatch" };
}
