import type { ResponseLatency } from "./response-latency";
import type { LedgerOptions, ResolvedLedgerOptions } from "./ledger-options";

/**
 * Shared shapes of the Daraja simulator: its options, and the record it keeps of every STK push.
 * The simulator is an independent fake Daraja, so none of these come from the gateway's client.
 */

/** How the STK query answers while a push has no outcome yet (FACTS.md §5). */
export type PendingStyle = "4999" | "500";

/** STK result codes are numbers, except the alphanumeric ones such as "SFC_IC0003" (§4). */
export type ResultCode = number | string;

export type TransactionType = "CustomerPayBillOnline" | "CustomerBuyGoodsOnline";

export interface ShortcodeConfig {
  /** BusinessShortCode: a paybill number, or the head-office/store number of Buy Goods tills. */
  shortcode: string;
  passkey: string;
  /** Tills under this store: CustomerBuyGoodsOnline must name one of them as PartyB. */
  tills?: readonly string[];
  /** Whether CustomerPayBillOnline (PartyB = shortcode) is enabled. Default true. */
  paybill?: boolean;
}

export interface SimulatorApp {
  consumerKey: string;
  consumerSecret: string;
}

export interface ChaosOptions {
  /** Extra attempts when a callback gets a non-2xx answer or no answer at all. */
  retries: number;
  retryDelayMs: number;
  /** Probability (0..1) that a callback answered 2xx is delivered once more. */
  duplicateRate: number;
}

export interface SimulatorOptions extends LedgerOptions {
  host?: string;
  /** How long OAuth, push and query wait before answering (default: not at all). */
  responseLatency?: Partial<ResponseLatency>;
  /** 0 picks a free port (tests). */
  port?: number;
  /** The first app's credentials that OAuth accepts. */
  consumerKey?: string;
  consumerSecret?: string;
  /** More apps OAuth accepts (several collection accounts, each with its own credentials). */
  apps?: readonly SimulatorApp[];
  /** Accepted shortcodes. Default: the sandbox paybill 174379 with its public passkey. */
  shortcodes?: readonly ShortcodeConfig[];
  /** Time from an accepted push to the customer's (scripted) answer and its callback. */
  callbackDelayMs?: number;
  /** Time until the "late-callback" scenario settles: meant to land after the payment's deadline. */
  lateCallbackDelayMs?: number;
  /** How long the "push-hangs" scenario holds the push request before dropping the connection. */
  hangMs?: number;
  /** How long a prompt waits for a person on the phone page before it ends as 1037. */
  manualTimeoutMs?: number;
  /** The PIN the phone page accepts; any other PIN ends the prompt as 2001. */
  customerPin?: string;
  pendingStyle?: PendingStyle;
  /** Answer the query with Daraja's long-lived "successsfully" typo. */
  queryTypo?: boolean;
  tokenTtlSeconds?: number;
  /** Send expires_in as a number (the documentation's form) instead of the observed string. */
  numericExpiresIn?: boolean;
  /** Issuing a token invalidates the app's earlier tokens (the FAQ's claim, unconfirmed). */
  revokeOnReissue?: boolean;
  /** Seeds every identifier, token and receipt; null or absent means truly random. */
  seed?: string | number | null;
  /** Opt-in misbehaviour Daraja is not observed to have: retries and duplicate callbacks. */
  chaos?: boolean | Partial<ChaosOptions>;
  callbackTimeoutMs?: number;
  /**
   * Deliver callbacks to this origin (scheme, host, port) instead of the CallBackURL's own, keeping
   * its path: for a simulator that cannot reach the gateway's public URL (compose's staging profile).
   */
  callbackOrigin?: string;
  /** Injectable clock for identifiers, token expiry and callback dates (not for delays). */
  now?: () => Date;
  /** Injectable fetch used to deliver callbacks. */
  fetch?: typeof fetch;
}

export interface ResolvedOptions {
  responseLatency: ResponseLatency;
  host: string;
  port: number;
  consumerKey: string;
  consumerSecret: string;
  /** Every app OAuth accepts, the first one's credentials first. */
  apps: readonly SimulatorApp[];
  shortcodes: readonly Required<ShortcodeConfig>[];
  callbackDelayMs: number;
  lateCallbackDelayMs: number;
  hangMs: number;
  manualTimeoutMs: number;
  customerPin: string;
  pendingStyle: PendingStyle;
  queryTypo: boolean;
  tokenTtlSeconds: number;
  numericExpiresIn: boolean;
  revokeOnReissue: boolean;
  seed: string | number | null;
  chaos: ChaosOptions | null;
  callbackTimeoutMs: number;
  callbackOrigin: string | null;
  ledger: ResolvedLedgerOptions;
}

/** Which delay ends a push: see the scenario table. */
export type SettleAfter = "callbackDelay" | "lateCallbackDelay" | "manualTimeout";

/** What the simulator will do with one accepted push. */
export interface PushPlan {
  /** The result the push ends with unless a person answers first; null = it never ends. */
  result: ResultCode | null;
  settlesAfter: SettleAfter;
  /** Whether a person may answer the prompt on the phone page. */
  interactive: boolean;
  /** False when Daraja fails the push before any prompt reaches the phone. */
  promptShown: boolean;
  /** How many times the callback is POSTed (0 = only the query knows the outcome). */
  callbacks: number;
  /** Added to the amount reported in a successful callback (amount-mismatch scenario). */
  amountDelta: number;
}

export interface StkPushRequest {
  businessShortCode: string;
  password: string;
  timestamp: string;
  transactionType: TransactionType;
  amount: number;
  partyA: string;
  partyB: string;
  phoneNumber: string;
  callBackUrl: string;
  accountReference: string;
  transactionDesc: string | null;
}

export interface PushResult {
  code: ResultCode;
  callbackDesc: string;
  queryDesc: string;
  at: Date;
  /** Who decided the outcome: the scripted scenario, or a person on the phone page. */
  decidedBy: "scenario" | "phone-page";
  receipt: string | null;
  /** The amount the callback reports (success only). */
  amount: number | null;
}

export interface CallbackAttempt {
  kind: "delivery" | "duplicate" | "chaos-retry" | "chaos-duplicate";
  at: Date;
  /** HTTP status of the receiver's answer; null when none came (refused, timed out). */
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface PushRecord {
  checkoutRequestId: string;
  merchantRequestId: string;
  request: StkPushRequest;
  /** The app whose token the push came with. */
  consumerKey: string;
  scenario: string;
  plan: PushPlan;
  createdAt: Date;
  result: PushResult | null;
  callbackBody: unknown;
  callbacks: CallbackAttempt[];
  /** Every STK query about this push, oldest first, with the ResultCode it was answered (null: still processing). */
  queries: QueryAttempt[];
  /** Things Daraja tolerates silently but the gateway should not do (e.g. TransactionDesc > 13). */
  warnings: string[];
}

export interface QueryAttempt {
  at: Date;
  resultCode: string | null;
  /** The app whose token asked, and the BusinessShortCode the query named. */
  consumerKey: string;
  shortcode: string;
}

/** A push Daraja refused synchronously, kept for introspection. */
export interface RefusedPush {
  at: Date;
  phone: string | null;
  httpStatus: number;
  errorCode: string;
  errorMessage: string;
}
