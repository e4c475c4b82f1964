import type { SimTransaction } from "./ledger-types";

/**
 * The simulated M-Pesa ledger: every money movement on each organisation's Utility account, in
 * completion order, with its running balance. Pull Transactions, Transaction Status, reversals
 * and the statement all read from here, so they always agree. Past a cap the oldest entries go;
 * the balance they left is kept as the opening balance of what remains.
 */
const MAX_TRANSACTIONS = 20_000;

export type NewTransaction = Omit<SimTransaction, "seq" | "balanceAfter" | "reversedBy">;

export interface TransactionStore {
  add(tx: NewTransaction): SimTransaction;
  byReceipt(receipt: string): SimTransaction | undefined;
  /** Transactions of one organisation, oldest first. */
  forShortcode(shortcode: string): SimTransaction[];
  all(): SimTransaction[];
  /** The Utility balance now, or just before `before` (an instant). */
  balance(shortcode: string, before?: Date): number;
  clear(): void;
}

export function createTransactionStore(openingBalances: Readonly<Record<string, number>>): TransactionStore {
  let list: SimTransaction[] = [];
  let seq = 0;
  const receipts = new Map<string, SimTransaction>();
  const carried = new Map<string, number>();
  const opening = (shortcode: string) => carried.get(shortcode) ?? openingBalances[shortcode] ?? 0;
  const current = (shortcode: string) => {
    for (let i = list.length - 1; i >= 0; i--) if (list[i]?.shortcode === shortcode) return list[i]!.balanceAfter;
    return opening(shortcode);
  };
  return {
    add(input) {
      const delta = input.kind === "stk" || input.kind === "c2b" ? input.amount : -input.amount;
      const tx: SimTransaction = { ...input, seq: ++seq, reversedBy: null, balanceAfter: current(input.shortcode) + delta };
      list.push(tx);
      receipts.set(tx.receipt, tx);
      if (tx.linkedReceipt) {
        const original = receipts.get(tx.linkedReceipt);
        if (original) original.reversedBy = tx.receipt;
      }
      if (list.length > MAX_TRANSACTIONS) {
        const dropped = list.shift()!;
        receipts.delete(dropped.receipt);
        carried.set(dropped.shortcode, dropped.balanceAfter);
      }
      return tx;
    },
    byReceipt: (receipt) => receipts.get(receipt.toUpperCase()),
    forShortcode: (shortcode) => list.filter((t) => t.shortcode === shortcode),
    all: () => [...list],
    balance(shortcode, before) {
      if (!before) return current(shortcode);
      let balance = opening(shortcode);
      for (const t of list) if (t.shortcode === shortcode && t.completedAt < before) balance = t.balanceAfter;
      return balance;
    },
    clear() {
      list = [];
      receipts.clear();
      carried.clear();
    },
  };
}
