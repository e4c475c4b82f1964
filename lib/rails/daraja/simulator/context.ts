import { createLogger, type Logger } from "@/lib/logger";
import { createIdFactory, type IdFactory } from "./ids";
import { createLedgerState, type LedgerState } from "./ledger-state";
import { resolveOptions } from "./options";
import type { ResponseLatency } from "./response-latency";
import { createPushStore, type PushStore } from "./push-store";
import { createRandom, type Random } from "./random";
import { createScheduler, type Scheduler } from "./scheduler";
import { createTokenStore, type TokenStore } from "./tokens";
import type { ResolvedOptions, SimulatorOptions } from "./types";

/** Everything a request handler of one simulator instance may use; no module-level state. */
export interface SimulatorContext {
  options: ResolvedOptions;
  now: () => Date;
  fetch: typeof fetch;
  random: Random;
  ids: IdFactory;
  tokens: TokenStore;
  store: PushStore;
  scheduler: Scheduler;
  /** C2B, Pull Transactions, initiator APIs and statements: the simulated M-Pesa ledger. */
  ledger: LedgerState;
  /** How long OAuth, push and query wait before answering; changed at run time by POST /__sim/latency. */
  latency: ResponseLatency;
  log: Logger;
}

export function createContext(input: SimulatorOptions): SimulatorContext {
  const options = resolveOptions(input);
  const now = input.now ?? (() => new Date());
  const random = createRandom(options.seed);
  const ids = createIdFactory(random);
  const log = createLogger("simulator");
  return {
    options,
    now,
    // Late-bound so tests that stub globalThis.fetch after start are honoured.
    fetch: input.fetch ?? ((...args) => globalThis.fetch(...args)),
    random,
    ids,
    tokens: createTokenStore({ ids, now, ttlSeconds: options.tokenTtlSeconds, revokeOnReissue: options.revokeOnReissue }),
    store: createPushStore(),
    scheduler: createScheduler((error) => log.error({ err: error }, "simulator background task failed")),
    ledger: createLedgerState(options.ledger),
    latency: { ...options.responseLatency },
    log,
  };
}
