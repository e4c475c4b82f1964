import { createInitiatorGuard, type InitiatorGuard } from "./initiator-guard";
import type { C2bPaymentRecord, C2bRegistration, InitiatorRequestRecord } from "./ledger-types";
import type { ResolvedLedgerOptions } from "./ledger-options";
import { simulatorKeys, type SimulatorKeys } from "./security-keys";
import { createTransactionStore, type TransactionStore } from "./transactions";

/** Everything the ledger side of one simulator remembers; cleared by reset. */
export interface LedgerState {
  keys: SimulatorKeys;
  transactions: TransactionStore;
  initiators: InitiatorGuard;
  /** C2B URLs per registered shortcode (or till). */
  c2bUrls: Map<string, C2bRegistration>;
  /** Shortcodes whose external validation is on ("enabled by Safaricom"). */
  c2bValidation: Set<string>;
  c2bPayments: C2bPaymentRecord[];
  /** Shortcodes registered for Pull Transactions, with the CallBackURL given. */
  pullRegistrations: Map<string, { nominatedNumber: string; callbackUrl: string; registeredAt: Date }>;
  requests: InitiatorRequestRecord[];
  clear(): void;
}

const MAX_RECORDS = 5000;

export function createLedgerState(options: ResolvedLedgerOptions): LedgerState {
  const keys = simulatorKeys(options.keys ?? undefined);
  const state: LedgerState = {
    keys,
    transactions: createTransactionStore(options.openingBalances),
    initiators: createInitiatorGuard(options.initiators, keys.privateKey, options.credentialLockAfter),
    c2bUrls: new Map(),
    c2bValidation: new Set(options.c2bValidation),
    c2bPayments: [],
    pullRegistrations: new Map(),
    requests: [],
    clear() {
      state.transactions.clear();
      state.initiators.clear();
      state.c2bUrls.clear();
      state.c2bValidation = new Set(options.c2bValidation);
      state.c2bPayments.length = 0;
      state.pullRegistrations.clear();
      state.requests.length = 0;
    },
  };
  return state;
}

/** Appends to one of the record lists, dropping the oldest past the cap. */
export function keep<T>(list: T[], item: T): T {
  list.push(item);
  if (list.length > MAX_RECORDS) list.shift();
  return item;
}
