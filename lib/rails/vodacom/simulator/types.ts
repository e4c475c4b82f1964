/**
 * Shared shapes of the Vodacom simulator: its options and the records it keeps. It is an
 * independent fake of Vodacom's OpenAPI: its codes and checks are its own, not the client's.
 */

export type ResponseMode = "sync" | "async";

export interface VodacomSimulatorOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** The one app's API key getSession accepts. */
  apiKey?: string;
  /** Service provider codes of the app. Default the sandbox's `000000`. */
  serviceProviderCodes?: readonly string[];
  /** Origins the app trusts; `*` accepts any. An Origin header is always required. */
  trustedOrigins?: readonly string[];
  /** RSA modulus length of the generated key pair. Default 4096, as Vodacom's. */
  keyBits?: number;
  /** A key pair to use instead of generating one (tests share one to save time). */
  keyPair?: { publicKey: string; privateKey: string };
  sessionLifetimeMs?: number;
  /** A new session is refused until this much time has passed. */
  activationDelayMs?: number;
  /** `async`: payments and reversals are answered at once and their results POSTed to resultUrl. */
  responseMode?: ResponseMode;
  resultUrl?: string | null;
  resultTimeoutMs?: number;
  /** How long the scripted customer takes to enter the PIN. */
  pinDelayMs?: number;
  /** How long the "slow-pin" customer takes. */
  slowPinMs?: number;
  /** How long Vodacom waits for the customer before answering INS-9 and expiring the transaction. */
  syncWaitMs?: number;
  /** How long the "answer-lost" scenario holds the connection before dropping it. */
  hangMs?: number;
  /** The PIN the phone page accepts. */
  customerPin?: string;
  /** Seeds every identifier; null or absent means truly random. */
  seed?: string | number | null;
  /** Clock for session expiry and timestamps; delays always use real timers. */
  now?: () => Date;
  /** Used to POST async results. */
  fetch?: typeof fetch;
}

export type ResolvedOptions = Required<Omit<VodacomSimulatorOptions, "now" | "fetch" | "keyPair" | "seed" | "resultUrl">> & {
  seed: string | number | null;
  resultUrl: string | null;
};

/** The final state of a transaction, as the status query reports it. */
export type TransactionState = "awaiting" | "completed" | "cancelled" | "expired" | "failed";

export interface C2bRequest {
  market: string;
  amount: string;
  country: string;
  currency: string;
  msisdn: string;
  serviceProviderCode: string;
  thirdPartyConversationId: string;
  reference: string;
  description: string;
}

export interface ResultDelivery {
  at: Date;
  status: number | null;
  error: string | null;
  /** The listener's answer, and whether it is Vodacom's acknowledgement shape with matching ids. */
  body: string | null;
  acknowledged: boolean;
}

export interface TransactionRecord {
  kind: "c2b" | "reversal";
  /** Vodacom's id of the request (`output_ConversationID`). */
  conversationId: string;
  thirdPartyConversationId: string;
  serviceProviderCode: string;
  market: string;
  createdAt: Date;
  scenario: string;
  /** Amount in the market's minor unit. */
  amountMinor: number;
  msisdn: string | null;
  reference: string | null;
  state: TransactionState;
  /** The truth, once settled. */
  code: string | null;
  /** What the HTTP answer (or posted result) says; differs from `code` in the INS-1-but-paid scenario. */
  reportedCode: string | null;
  settledAt: Date | null;
  decidedBy: "scenario" | "phone-page" | "sync-wait" | null;
  /** M-Pesa's id, once the money moved. */
  transactionId: string | null;
  /** For a reversal: the payment it reverses. */
  originalTransactionId: string | null;
  reversedMinor: number;
  deliveries: ResultDelivery[];
  queries: { at: Date; status: string }[];
}

export interface RefusedRequest {
  at: Date;
  api: string;
  httpStatus: number;
  code: string;
  thirdPartyConversationId: string | null;
  msisdn: string | null;
}
