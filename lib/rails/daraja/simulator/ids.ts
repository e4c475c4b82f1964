import { darajaTimestamp } from "../password";
import type { Random } from "./random";

/**
 * Identifiers in the shapes Daraja uses today (FACTS.md §1, §3, §4). They look real so that a
 * gateway which accidentally parses or length-checks them breaks here rather than in production.
 */

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const UPPER_ALNUM = `${UPPER}0123456789`;
const TOKEN_ALPHABET = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;
const HEX = "0123456789abcdef";
// Receipt day character: 1–9, then A = 10 … V = 31.
const DAY_CHARS = "123456789ABCDEFGHIJKLMNOPQRSTUV";

/**
 * `ws_CO_` + ddMMyyyy + HHmmss (Nairobi time) + milliseconds, not zero-padded, + the MSISDN
 * without its 254 prefix, e.g. `ws_CO_14032025153013069708374149`.
 */
export function checkoutRequestId(at: Date, msisdn: string): string {
  const ts = darajaTimestamp(at);
  const date = ts.slice(6, 8) + ts.slice(4, 6) + ts.slice(0, 4);
  return `ws_CO_${date}${ts.slice(8)}${at.getUTCMilliseconds()}${msisdn.slice(3)}`;
}

/**
 * Ten characters: year letter ('A' + year − 2006, wrapping after Z), month letter (A = Jan),
 * day character, then seven random uppercase alphanumerics. The date is East Africa Time.
 */
export function receiptNumber(at: Date, random: Random): string {
  const ts = darajaTimestamp(at);
  const year = Number(ts.slice(0, 4));
  const month = Number(ts.slice(4, 6));
  const day = Number(ts.slice(6, 8));
  const yearLetter = UPPER.charAt((((year - 2006) % 26) + 26) % 26);
  return yearLetter + UPPER.charAt(month - 1) + DAY_CHARS.charAt(day - 1) + random.chars(UPPER_ALNUM, 7);
}

export interface IdFactory {
  /** e.g. `ac7b-470b-8df7-23ab3cef38271071873`. */
  merchantRequestId(): string;
  /** The `requestId` of error envelopes; same shape as MerchantRequestID. */
  requestId(): string;
  /** 28 alphanumerics, like `c9SQxWWhmdVRlyh0zh8gZDTkubVF`. */
  accessToken(): string;
  receiptNumber(at: Date): string;
}

export function createIdFactory(random: Random): IdFactory {
  // Real ids end in a 6–7 digit number that grows from one request to the next.
  let counter = 100_000 + random.int(9_000_000);
  const gatewayId = () => {
    // The tail of a v4 UUID (version nibble 4, variant 8–b) followed by the counter.
    const hex = (n: number) => random.chars(HEX, n);
    const variant = "89ab".charAt(random.int(4));
    counter += 1;
    return `${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}${counter}`;
  };
  return {
    merchantRequestId: gatewayId,
    requestId: gatewayId,
    accessToken: () => random.chars(TOKEN_ALPHABET, 28),
    receiptNumber: (at) => receiptNumber(at, random),
  };
}
