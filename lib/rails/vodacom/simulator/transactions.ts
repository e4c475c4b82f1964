import type { RefusedRequest, TransactionRecord } from "./types";

/**
 * Every payment and reversal the simulator took, oldest first, findable by each id the status
 * query accepts. A ThirdPartyConversationID is used once per service provider code, whatever API
 * used it. Past a cap the oldest records go, so a long-running demo does not grow without bound.
 */
const MAX_TRANSACTIONS = 5000;
const MAX_REFUSED = 500;

export interface TransactionStore {
  add(record: TransactionRecord): void;
  /** The record that used this ThirdPartyConversationID with this service provider, if any. */
  byThirdPartyId(serviceProviderCode: string, id: string): TransactionRecord | undefined;
  byConversationId(id: string): TransactionRecord | undefined;
  /** A reference as the query takes it: M-Pesa's TransactionID, ours, or Vodacom's ConversationID. */
  find(serviceProviderCode: string, reference: string): TransactionRecord | undefined;
  all(): TransactionRecord[];
  forPhone(msisdn: string): TransactionRecord[];
  /** Numbers that received a prompt, most recent first. */
  phones(): string[];
  refuse(refusal: RefusedRequest): void;
  refused(): RefusedRequest[];
  clear(): void;
}

export function createTransactionStore(): TransactionStore {
  const records = new Map<string, TransactionRecord>();
  let refusals: RefusedRequest[] = [];
  const all = () => [...records.values()];
  const key = (sp: string, id: string) => `${sp}\u0000${id}`;
  const byThirdParty = new Map<string, TransactionRecord>();

  return {
    add(record) {
      records.set(record.conversationId, record);
      byThirdParty.set(key(record.serviceProviderCode, record.thirdPartyConversationId), record);
      if (records.size > MAX_TRANSACTIONS) {
        const oldest = records.values().next();
        if (!oldest.done) {
          records.delete(oldest.value.conversationId);
          byThirdParty.delete(key(oldest.value.serviceProviderCode, oldest.value.thirdPartyConversationId));
        }
      }
    },
    byThirdPartyId: (sp, id) => byThirdParty.get(key(sp, id)),
    byConversationId: (id) => records.get(id),
    find(sp, reference) {
      const own = byThirdParty.get(key(sp, reference));
      if (own) return own;
      return all().find((r) => r.serviceProviderCode === sp && (r.transactionId === reference || r.conversationId === reference));
    },
    all,
    forPhone: (msisdn) => all().filter((r) => r.msisdn === msisdn),
    phones: () => [...new Set(all().filter((r) => r.msisdn !== null).reverse().map((r) => r.msisdn as string))],
    refuse(refusal) {
      refusals.push(refusal);
      if (refusals.length > MAX_REFUSED) refusals = refusals.slice(-MAX_REFUSED);
    },
    refused: () => [...refusals],
    clear() {
      records.clear();
      byThirdParty.clear();
      refusals = [];
    },
  };
}
