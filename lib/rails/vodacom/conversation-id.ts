import { createHash, randomBytes } from "node:crypto";

/**
 * Our `input_ThirdPartyConversationID` for each call. The rule:
 *
 * - A payment attempt's push uses `H("c2b", attemptId)`, a reversal `H("reversal", refundId)`:
 *   the first 32 hex digits of SHA-256 over the purpose and the id. The same attempt therefore
 *   always sends the same conversation id, however often it is retried or by which process, and a
 *   retry can never start a second conversation: Vodacom refuses it with INS-10 and the status query
 *   answers for the first one. A genuinely new attempt (a new prompt) needs a new attempt id.
 * - A status query moves no money but still needs an id of its own; it gets a random one.
 *
 * 32 hex digits fit every rule Vodacom has for these ids (1–40 characters, letters and digits, and
 * at most 32 when the id is used as the query's reference) and look like the ids in its own samples.
 */

export type ConversationPurpose = "c2b" | "reversal";

const ID_LENGTH = 32;

export function conversationIdFor(purpose: ConversationPurpose, key: string): string {
  if (typeof key !== "string" || key.trim() === "") throw new TypeError(`A ${purpose} conversation id needs a non-empty key`);
  // The separator keeps ("c2b", "x") and ("c2bx", "") apart; the purpose set is closed anyway.
  return createHash("sha256").update(`malipo:${purpose}:${key}`, "utf8").digest("hex").slice(0, ID_LENGTH);
}

/** The conversation id of the push for one payment attempt. */
export function pushConversationId(attemptId: string): string {
  return conversationIdFor("c2b", attemptId);
}

/** The conversation id of the reversal for one refund. */
export function reversalConversationId(refundId: string): string {
  return conversationIdFor("reversal", refundId);
}

/** A fresh id for one status query. */
export function queryConversationId(random: (bytes: number) => Buffer = randomBytes): string {
  return random(ID_LENGTH / 2).toString("hex");
}
