import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random base62 text; rejection sampling keeps every character equally likely. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export type IdPrefix = "pay" | "att" | "sf" | "key" | "usr" | "idk" | "we" | "evt" | "whd" | "alr" | "ach" | "sv" | "acct" | "ura" | "cs" | "plink" | "isr" | "re";
/** Prefixed ids for anything people or storefronts see: pay_3kTMd9x…, evt_…, sf_…. */
export function createId(prefix: IdPrefix, length = 24): string {
  return `${prefix}_${randomBase62(length)}`;
}
