import { darajaTimestamp } from "../password";
import type { Random } from "./random";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DAY_CHARS = "123456789ABCDEFGHIJKLMNOPQRSTUV";
const HEX = "0123456789abcdef";

/** `AG_20211114_201018edbbf9f1582eaa`: Daraja's ConversationID, dated in EAT. */
export function conversationId(at: Date, random: Random): string {
  return `AG_${darajaTimestamp(at).slice(0, 8)}_${random.chars(HEX, 20)}`;
}

/**
 * The placeholder TransactionID of failures and of Transaction Status results: the receipt letters
 * of the day (year, month, day) and seven zeros, e.g. `SG20000000` for 2 July 2024.
 */
export function placeholderTransactionId(at: Date): string {
  const ts = darajaTimestamp(at);
  const year = Number(ts.slice(0, 4));
  return UPPER.charAt((((year - 2006) % 26) + 26) % 26) + UPPER.charAt(Number(ts.slice(4, 6)) - 1) + DAY_CHARS.charAt(Number(ts.slice(6, 8)) - 1) + "0000000";
}
