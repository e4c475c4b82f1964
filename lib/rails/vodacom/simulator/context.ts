import { createLogger, type Logger } from "../../../logger";
import { createRandom, type Random } from "@/lib/rails/daraja/simulator/random";
import { createScheduler, type Scheduler } from "@/lib/rails/daraja/simulator/scheduler";
import type { SimulatorKeys } from "./keys";
import type { Pending } from "./lifecycle";
import { resolveOptions } from "./options";
import { createSessionStore, type SessionStore } from "./sessions";
import { createTransactionStore, type TransactionStore } from "./transactions";
import type { ResolvedOptions, VodacomSimulatorOptions } from "./types";

/** Everything a request handler of one simulator instance may use; no module-level state. */
export interface SimulatorContext {
  options: ResolvedOptions;
  keys: SimulatorKeys;
  now: () => Date;
  fetch: typeof fetch;
  random: Random;
  ids: IdFactory;
  sessions: SessionStore;
  store: TransactionStore;
  scheduler: Scheduler;
  /** Transactions still waiting for their outcome, keyed by ConversationID. */
  waiting: Map<string, Pending>;
  log: Logger;
}

export interface IdFactory {
  /** 32 hex digits, like `08536a5d65ea4f50866db06f577cc5c1`. */
  conversationId(): string;
  /** 12 letters and digits, like `G27DEn1DLoQ3`. */
  transactionId(): string;
}

const HEX = "0123456789abcdef";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function createContext(input: VodacomSimulatorOptions, keys: SimulatorKeys): SimulatorContext {
  const options = resolveOptions(input);
  const now = input.now ?? (() => new Date());
  const random = createRandom(options.seed);
  const log = createLogger("vodacom-simulator");
  return {
    options,
    keys,
    now,
    // Late-bound so tests that stub globalThis.fetch after start are honoured.
    fetch: input.fetch ?? ((...args) => globalThis.fetch(...args)),
    random,
    ids: { conversationId: () => random.chars(HEX, 32), transactionId: () => random.chars(ALNUM, 12) },
    sessions: createSessionStore({ random, now, lifetimeMs: options.sessionLifetimeMs, activationDelayMs: options.activationDelayMs }),
    store: createTransactionStore(),
    scheduler: createScheduler((error) => log.error({ err: error }, "Vodacom simulator background task failed")),
    waiting: new Map(),
    log,
  };
}
