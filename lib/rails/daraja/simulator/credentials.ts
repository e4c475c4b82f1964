import { timingSafeEqual } from "node:crypto";
import { stkPassword } from "../password";
import { DARAJA_ERRORS, type DarajaError } from "./daraja-errors";
import type { ResolvedOptions } from "./types";

type Merchant = ResolvedOptions["shortcodes"][number];

/**
 * The shortcode and Password check shared by the STK push and query: the Password must be exactly
 * base64(BusinessShortCode + passkey + Timestamp), with the Timestamp as sent in the body.
 */
export function checkCredentials(
  options: ResolvedOptions,
  body: { businessShortCode: string; password: string; timestamp: string },
): { ok: true; merchant: Merchant } | { ok: false; error: DarajaError } {
  const merchant = options.shortcodes.find((s) => s.shortcode === body.businessShortCode);
  if (!merchant) return { ok: false, error: DARAJA_ERRORS.merchantMissing };
  const expected = Buffer.from(stkPassword(merchant.shortcode, merchant.passkey, body.timestamp));
  const given = Buffer.from(body.password);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, error: DARAJA_ERRORS.wrongCredentials };
  }
  return { ok: true, merchant };
}
