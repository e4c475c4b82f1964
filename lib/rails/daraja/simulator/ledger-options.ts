/**
 * Options of the simulator's ledger side: C2B, Pull Transactions, the initiator APIs and the
 * statement. Kept apart from the STK options so each half reads on its own.
 */
export type DarajaEnvironment = "sandbox" | "production";
export type PullOffsetMode = "rows" | "pages";

export interface InitiatorConfig {
  name: string;
  password: string;
}

export interface LedgerOptions {
  /** Sandbox: C2B URLs re-register freely and C2B simulate exists. Production: URLs register once per shortcode. */
  environment?: DarajaEnvironment;
  /** API operators the initiator APIs accept. Default: the shared sandbox initiator testapi / Safaricom999!*!. */
  initiators?: readonly InitiatorConfig[];
  /** Consecutive wrong credentials after which an initiator is locked (8006) until reset. */
  credentialLockAfter?: number;
  /** Delay from an initiator request to its result (default: callbackDelayMs). */
  resultDelayMs?: number;
  /** How long a C2B validation request may take before ResponseType decides (Daraja: about 8 s). */
  validationTimeoutMs?: number;
  /** C2B register's success code: "0" as documented, "00000000" as recent sandbox traffic. */
  c2bRegisterSuccessCode?: "0" | "00000000";
  /** Shortcodes (or tills) whose external validation is switched on from the start (off by default, as at Safaricom). */
  c2bValidation?: readonly string[];
  /** Rows per Pull Transactions page. */
  pullPageSize?: number;
  /** How OffSetValue is read: a row offset (the parameter table) or a page index (the FAQ). */
  pullOffsetMode?: PullOffsetMode;
  /** A transaction appears in Pull Transactions only this long after it completed (late lines). */
  pullLagMs?: number;
  /** Organisation names per shortcode, as Pull, results and statements print them. */
  organisationNames?: Readonly<Record<string, string>>;
  /** Utility account balance (whole shillings) per shortcode before the first transaction. */
  openingBalances?: Readonly<Record<string, number>>;
  /** Replace the simulator's published certificate and private key (PEM). */
  keys?: { certificatePem: string; privateKeyPem: string };
}

export interface ResolvedLedgerOptions {
  environment: DarajaEnvironment;
  initiators: readonly InitiatorConfig[];
  credentialLockAfter: number;
  resultDelayMs: number;
  validationTimeoutMs: number;
  c2bRegisterSuccessCode: "0" | "00000000";
  c2bValidation: readonly string[];
  pullPageSize: number;
  pullOffsetMode: PullOffsetMode;
  pullLagMs: number;
  organisationNames: Readonly<Record<string, string>>;
  openingBalances: Readonly<Record<string, number>>;
  keys: { certificatePem: string; privateKeyPem: string } | null;
}

/** Safaricom's shared sandbox initiator: public test credentials, as the sandbox portal lists them. */
export const SANDBOX_INITIATOR: InitiatorConfig = { name: "testapi", password: "Safaricom999!*!" };

export function resolveLedgerOptions(options: LedgerOptions, callbackDelayMs: number): ResolvedLedgerOptions {
  const positive = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) throw new Error(`Simulator option ${name} must be a whole number ≥ 1`);
    return value;
  };
  const nonNegative = (name: string, value: number) => {
    if (!Number.isFinite(value) || value < 0) throw new Error(`Simulator option ${name} must be a number ≥ 0`);
    return value;
  };
  return {
    environment: options.environment ?? "sandbox",
    initiators: options.initiators ?? [SANDBOX_INITIATOR],
    credentialLockAfter: positive("credentialLockAfter", options.credentialLockAfter ?? 5),
    resultDelayMs: nonNegative("resultDelayMs", options.resultDelayMs ?? callbackDelayMs),
    validationTimeoutMs: nonNegative("validationTimeoutMs", options.validationTimeoutMs ?? 8000),
    c2bRegisterSuccessCode: options.c2bRegisterSuccessCode ?? "00000000",
    c2bValidation: options.c2bValidation ?? [],
    pullPageSize: positive("pullPageSize", options.pullPageSize ?? 100),
    pullOffsetMode: options.pullOffsetMode ?? "rows",
    pullLagMs: nonNegative("pullLagMs", options.pullLagMs ?? 0),
    organisationNames: options.organisationNames ?? {},
    openingBalances: options.openingBalances ?? {},
    keys: options.keys ?? null,
  };
}
