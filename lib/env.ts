import { z } from "zod";
import { generateDemoSecrets, loadDemoSecrets, type DemoSecrets } from "@/lib/demo/demo-secrets";
import { addressEntryProblem, parseAddressList } from "@/lib/net/address-list";
import { demoMetricsToken } from "@/lib/demo/demo-metrics-token";

/**
 * All configuration, validated once and shared by web, worker, simulator and scripts.
 * `parseEnv` is pure (tests feed it any map); `getEnv` parses `process.env` on first use, with
 * this installation's demo secrets (lib/demo/demo-secrets.ts) in demo mode.
 * Every problem is collected into one ConfigError so an operator fixes them in one go.
 */

/** Safaricom's published callback source addresses (lib/rails/daraja/FACTS.md §8). */
export const SAFARICOM_CALLBACK_IPS = [
  "196.201.214.200", "196.201.214.206", "196.201.213.114", "196.201.214.207",
  "196.201.214.208", "196.201.213.44", "196.201.212.127", "196.201.212.138",
  "196.201.212.129", "196.201.212.136", "196.201.212.74", "196.201.212.69",
];

// Safaricom's public sandbox credentials: the simulator accepts them so a demo looks like the sandbox.
export const SANDBOX_SHORTCODE = "174379";
export const SANDBOX_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
export const SIMULATOR_CONSUMER_KEY = "malipo-simulator-key";
export const SIMULATOR_CONSUMER_SECRET = "malipo-simulator-secret";
// Safaricom's shared sandbox API operator, as the sandbox portal lists it; the simulator accepts it too.
export const SANDBOX_INITIATOR_NAME = "testapi";
export const SANDBOX_INITIATOR_PASSWORD = "Safaricom999!*!";

// Vodacom's markets (lib/rails/vodacom/markets.ts defines them; a test keeps the two lists equal), its
// host, the rule for service provider codes, and the simulator's test API key and sandbox code.
export const VODACOM_MARKET_CODES = ["TZN", "GHA", "LES", "DRC", "MOZ"] as const;
const VODACOM_BASE_URL = "https://openapi.m-pesa.com";
const VODACOM_SERVICE_PROVIDER_CODE = /^[0-9A-Za-z]{4,12}$/;
export const VODACOM_SIMULATOR_API_KEY = "malipoVodacomSimulatorApiKey0001";
export const VODACOM_SANDBOX_SERVICE_PROVIDER_CODE = "000000";

// The fixed demo secrets of earlier versions: public, so production refuses them.
export const LEGACY_DEMO_DATA_SECRET = "malipo-demo-data-secret-change-me-in-production";
const DEFAULT_SECRETS = new Set(["malipo-demo-auth-secret-change-me-in-production", "malipo-demo-callback-secret-change-me-in-production", LEGACY_DEMO_DATA_SECRET]);
const MIN_SECRET_LENGTH = 32;

export const EMBEDDED_PG_DEFAULT_PORT = 54329;
const DEFAULT_DEMO_SECRETS_DIR = ".data/demo";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { message: "must be true or false" })
  .transform((v) => ["true", "1", "yes", "on"].includes(v));
const int = (min: number, max: number) =>
  z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").min(min).max(max);
const csv = z.string().transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean));
const addresses = csv.superRefine((entries, ctx) => {
  for (const entry of entries) {
    const problem = addressEntryProblem(entry);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }
});
const url = z.url({ message: "must be a URL such as https://pay.example.co.ke" });
const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), "must be a postgres:// URL such as postgresql://user:pass@host:5432/db");

const raw = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  MALIPO_MODE: z.enum(["demo", "staging", "production"]).optional(),
  PORT: int(1, 65535).default(3000),
  // Demo mode listens on loopback only unless told otherwise; production on every interface.
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: url.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  EMBEDDED_PG_DIR: z.string().min(1).default(".data/postgres"),
  EMBEDDED_PG_PORT: int(1024, 65535).default(EMBEDDED_PG_DEFAULT_PORT),
  AUTH_SECRET: z.string().optional(),
  CALLBACK_SECRET: z.string().optional(),
  DATA_SECRET: z.string().optional(),
  SESSION_MAX_AGE_SECONDS: int(300, 30 * 24 * 3600).default(8 * 3600),
  DEMO_SECRETS_DIR: z.string().min(1).default(DEFAULT_DEMO_SECRETS_DIR),
  // Admins must sign in with a second factor (TOTP); default: on in production.
  ADMIN_TWO_FACTOR_REQUIRED: bool.optional(),

  DARAJA_TIMEOUT_MS: int(100, 120_000).default(15_000),
  DARAJA_TEST_BASE_URL: url.optional(),
  DARAJA_TEST_CONSUMER_KEY: z.string().min(1).optional(),
  DARAJA_TEST_CONSUMER_SECRET: z.string().min(1).optional(),
  DARAJA_TEST_SHORTCODE: z.string().regex(/^\d{5,7}$/, "must be 5 to 7 digits").optional(),
  DARAJA_TEST_PASSKEY: z.string().min(1).optional(),
  DARAJA_TEST_TILL_NUMBER: z.string().regex(/^\d{5,8}$/, "must be 5 to 8 digits").optional(),
  /** The B2C ("one account") shortcode partial refunds are paid from, as the initiator (which needs the B2C role on it). */
  DARAJA_TEST_B2C_SHORTCODE: z.string().regex(/^\d{5,7}$/, "must be 5 to 7 digits").optional(),
  DARAJA_TEST_INITIATOR_NAME: z.string().trim().min(1).max(100).optional(),
  DARAJA_TEST_INITIATOR_PASSWORD: z.string().min(1).max(200).optional(),
  /** The M-Pesa certificate (PEM) initiator passwords are encrypted with; "\\n" stands for a line break. */
  DARAJA_TEST_INITIATOR_CERTIFICATE: z.string().min(1).optional(),
  DARAJA_LIVE_BASE_URL: url.default("https://api.safaricom.co.ke"),
  DARAJA_LIVE_CONSUMER_KEY: z.string().min(1).optional(),
  DARAJA_LIVE_CONSUMER_SECRET: z.string().min(1).optional(),
  DARAJA_LIVE_SHORTCODE: z.string().regex(/^\d{5,7}$/, "must be 5 to 7 digits").optional(),
  DARAJA_LIVE_PASSKEY: z.string().min(1).optional(),
  DARAJA_LIVE_TILL_NUMBER: z.string().regex(/^\d{5,8}$/, "must be 5 to 8 digits").optional(),
  /** The B2C ("one account") shortcode partial refunds are paid from, as the initiator (which needs the B2C role on it). */
  DARAJA_LIVE_B2C_SHORTCODE: z.string().regex(/^\d{5,7}$/, "must be 5 to 7 digits").optional(),
  DARAJA_LIVE_INITIATOR_NAME: z.string().trim().min(1).max(100).optional(),
  DARAJA_LIVE_INITIATOR_PASSWORD: z.string().min(1).max(200).optional(),
  /** The M-Pesa certificate (PEM) initiator passwords are encrypted with; "\\n" stands for a line break. */
  DARAJA_LIVE_INITIATOR_CERTIFICATE: z.string().min(1).optional(),

  // Vodacom's M-Pesa OpenAPI (M-Pesa Tanzania and Vodacom's other markets), per mode like Daraja.
  VODACOM_MARKET: z.enum(VODACOM_MARKET_CODES).default("TZN"),
  VODACOM_TEST_BASE_URL: url.default(VODACOM_BASE_URL),
  VODACOM_TEST_API_KEY: z.string().min(1).optional(),
  VODACOM_TEST_PUBLIC_KEY: z.string().min(1).optional(),
  VODACOM_TEST_SERVICE_PROVIDER_CODE: z.string().regex(VODACOM_SERVICE_PROVIDER_CODE, "must be 4 to 12 letters or digits").optional(),
  VODACOM_LIVE_BASE_URL: url.default(VODACOM_BASE_URL),
  VODACOM_LIVE_API_KEY: z.string().min(1).optional(),
  VODACOM_LIVE_PUBLIC_KEY: z.string().min(1).optional(),
  VODACOM_LIVE_SERVICE_PROVIDER_CODE: z.string().regex(VODACOM_SERVICE_PROVIDER_CODE, "must be 4 to 12 letters or digits").optional(),
  // Must match a trusted source of the app in Vodacom's portal.
  VODACOM_ORIGIN: z.string().trim().min(1).regex(/^[^\r\n]+$/, "must be one line").default("*"),
  // Chosen per app in the portal: sync answers the push when the customer has answered; async posts the result.
  VODACOM_RESPONSE_MODE: z.enum(["sync", "async"]).default("sync"),
  VODACOM_SESSION_LIFETIME_SECONDS: int(60, 24 * 3600).default(3600),
  VODACOM_ACTIVATION_DELAY_MS: int(0, 300_000).default(30_000),
  // Longer than Vodacom waits for the PIN: a push that times out has an unknown outcome.
  VODACOM_TIMEOUT_MS: int(1000, 600_000).default(120_000),
  VODACOM_MAX_AMOUNT: int(1, Number.MAX_SAFE_INTEGER).optional(),
  VODACOM_SIMULATOR_PORT: int(1, 65535).default(4020),
  VODACOM_SIMULATOR_ACTIVATION_DELAY_MS: int(0, 300_000).default(1000),

  SIMULATOR_HOST: z.string().min(1).default("127.0.0.1"),
  SIMULATOR_PORT: int(1, 65535).default(4010),
  SIMULATOR_CALLBACK_DELAY_MS: int(0, 600_000).default(3000),
  SIMULATOR_LATE_CALLBACK_DELAY_MS: int(0, 3_600_000).default(20 * 60 * 1000),
  SIMULATOR_HANG_MS: int(0, 3_600_000).default(60_000),
  SIMULATOR_PENDING_STYLE: z.enum(["4999", "500"]).default("4999"),
  SIMULATOR_QUERY_TYPO: bool.default(false),
  SIMULATOR_TOKEN_TTL_SECONDS: int(1, 86_400).default(3599),
  SIMULATOR_NUMERIC_EXPIRES_IN: bool.default(false),
  SIMULATOR_SEED: z.string().optional(),
  SIMULATOR_CHAOS: bool.default(false),
  SIMULATOR_MANUAL_TIMEOUT_MS: int(1000, 3_600_000).default(60_000),
  SIMULATOR_CUSTOMER_PIN: z.string().regex(/^\d{4,6}$/, "must be 4 to 6 digits").default("1234"),
  SIMULATOR_REVOKE_ON_REISSUE: bool.default(false),
  // More Daraja apps and shortcodes the simulator accepts, besides the sandbox's: key:secret:shortcode:passkey[:till], comma-separated.
  SIMULATOR_EXTRA_ACCOUNTS: csv.pipe(z.array(z.string().regex(/^[^:\s]+:[^:\s]+:\d{5,7}:[^:\s]+(:\d{5,8})?$/, "each entry must be consumerKey:consumerSecret:shortcode:passkey or …:passkey:till")))
    .transform((entries) => entries.map(parseSimulatorAccount)).default([]),
  // Where the simulator POSTs callbacks when it cannot reach PUBLIC_URL (compose staging): origin only.
  SIMULATOR_CALLBACK_ORIGIN: url.optional(),

  CALLBACK_IP_ALLOWLIST_ENABLED: bool.optional(),
  CALLBACK_IP_ALLOWLIST: addresses.default(SAFARICOM_CALLBACK_IPS),
  TRUSTED_PROXIES: addresses.default([]),
  CALLBACK_MAX_BODY_BYTES: int(1024, 1_048_576).default(64 * 1024),
  CALLBACK_SPOOL_DIR: z.string().min(1).default(".data/spool"),
  // How long the callback route waits for PostgreSQL before it spools the request instead.
  CALLBACK_DB_TIMEOUT_MS: int(50, 60_000).default(1000),
  CALLBACK_SPOOL_DRAIN_INTERVAL_MS: int(100, 600_000).default(2000),
  CALLBACK_UNMATCHED_RETRY_SECONDS: int(1, 3600).default(300),
  // Refused callback requests stored per source address per minute; past it only a count is kept.
  CALLBACK_REJECTED_LOG_PER_MINUTE: int(0, 10_000).default(30),
  // The largest org portal statement file the dashboard accepts (bytes); a month of a busy paybill is a few MB.
  STATEMENT_MAX_BYTES: int(1024, 1_073_741_824).default(50 * 1024 * 1024),
  // Statement uploads one web process reads at once; past it an upload is answered 429 at once.
  STATEMENT_CONCURRENT_IMPORTS: int(1, 32).default(2),

  PAYMENT_EXPIRY_SECONDS: int(2, 24 * 3600).default(900),
  RECONCILE_AFTER_SECONDS: int(1, 3600).default(60),
  RECONCILE_MAX_INTERVAL_SECONDS: int(1, 3600).default(120),
  QUERY_RATE_PER_SECOND: int(1, 1000).default(5),
  SWEEP_INTERVAL_SECONDS: int(1, 3600).default(60),
  // How long an expired payment whose outcome M-Pesa never confirmed keeps being asked; 0: not at all.
  EXPIRED_RECONCILE_HOURS: int(0, 30 * 24).default(72),
  UNKNOWN_OUTCOME_MATCH_WINDOW_SECONDS: int(10, 3600).default(300),
  // Pull Transactions: how often each registered account is pulled, and how far each window reaches back over the last.
  LEDGER_PULL_INTERVAL_MINUTES: int(1, 24 * 60).default(15),
  LEDGER_PULL_OVERLAP_MINUTES: int(0, 24 * 60).default(60),
  // The KYC number a Pull registration nominates when the admin gives none (2547… form).
  LEDGER_PULL_NOMINATED_NUMBER: z.string().trim().regex(/^254[17]\d{8}$/, "must be 12 digits, 2547… or 2541…").optional(),
  // A succeeded payment with no line in M-Pesa's ledger this long after it, in a stretch a complete source read, is flagged.
  LEDGER_MISSING_AFTER_HOURS: int(1, 30 * 24).default(24),
  // Refunds above this many shillings need a second admin's approval; 0: every refund does.
  REFUND_APPROVAL_THRESHOLD: int(0, 10_000_000).default(0),
  // A sent refund whose result has not come this long after is asked about with Transaction Status.
  REFUND_CHECK_AFTER_MINUTES: int(1, 24 * 60).default(5),

  API_RATE_LIMIT_PER_MINUTE: int(1, 100_000).default(600),
  POLL_QUERY_MIN_INTERVAL_SECONDS: int(1, 3600).default(30),
  WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(10_000),
  WEBHOOK_MAX_AGE_SECONDS: int(10, 30 * 24 * 3600).default(3 * 24 * 3600),
  WEBHOOK_BACKOFF_BASE_SECONDS: int(1, 3600).default(30),
  WEBHOOK_SECRET_GRACE_SECONDS: int(0, 30 * 24 * 3600).default(24 * 3600),
  // Longest wait between two attempts of one delivery, however many have failed.
  WEBHOOK_BACKOFF_MAX_SECONDS: int(1, 24 * 3600).default(6 * 3600),
  // An endpoint whose attempts have all failed for this long is disabled until someone re-enables it.
  WEBHOOK_DISABLE_AFTER_SECONDS: int(1, 30 * 24 * 3600).default(3 * 24 * 3600),
  // Webhook targets on loopback, private, link-local or CGNAT addresses; default: allowed in demo mode only.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.optional(),
  WORKER_CONCURRENCY: int(1, 100).default(4),
  WORKER_HEARTBEAT_STALE_SECONDS: int(5, 3600).default(60),
  // How often a worker's pg-boss supervisor fails the jobs of dead workers (missed heartbeats) and expired jobs.
  WORKER_SUPERVISE_INTERVAL_SECONDS: int(1, 3600).default(60),
  SIGNIN_MAX_ATTEMPTS: int(1, 100).default(5),
  SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: int(1, 10_000).default(20),
  SIGNIN_WINDOW_SECONDS: int(10, 86_400).default(900),

  // How long housekeeping keeps records that hold personal data or nobody needs (days; 0 = forever).
  RETENTION_REFUSED_CALLBACKS_DAYS: int(0, 36_500).default(90),
  RETENTION_INVALID_CALLBACKS_DAYS: int(0, 36_500).default(90),
  RETENTION_CALLBACK_BODIES_DAYS: int(0, 36_500).default(90),
  RETENTION_WEBHOOK_ATTEMPTS_DAYS: int(0, 36_500).default(90),

  // GET /metrics (Prometheus): the bearer token; unset in staging/production turns the endpoint off.
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  WORKER_METRICS_PORT: int(1, 65535).optional(),
  ALERT_EVALUATE_INTERVAL_SECONDS: int(10, 3600).default(60),
  // An alert still open is notified again at most this often; 0: only when it opens and resolves.
  ALERT_RENOTIFY_MINUTES: int(0, 7 * 24 * 60).default(240),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: int(1, 65535).default(587),
  SMTP_SECURITY: z.enum(["starttls", "tls", "none"]).default("starttls"),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default("Malipo alerts <alerts@localhost>"),
});

/** One extra app and shortcode the simulator accepts (SIMULATOR_EXTRA_ACCOUNTS). */
export interface SimulatorAccount {
  consumerKey: string;
  consumerSecret: string;
  shortcode: string;
  passkey: string;
  /** A till under the shortcode (its store number); null: the shortcode is a paybill. */
  tillNumber: string | null;
}

function parseSimulatorAccount(entry: string): SimulatorAccount {
  const [consumerKey = "", consumerSecret = "", shortcode = "", passkey = "", till] = entry.split(":");
  return { consumerKey, consumerSecret, shortcode, passkey, tillNumber: till ?? null };
}

export type DarajaMode = "test" | "live";
export interface DarajaConfig {
  mode: DarajaMode;
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  shortcode: string;
  passkey: string;
  /** Paybill when absent; Buy Goods (PartyB = till) when set. */
  tillNumber: string | null;
  timeoutMs: number;
  isSimulator: boolean;
  /** The API operator of Transaction Status; null when none is configured. */
  initiator?: DarajaInitiatorConfig | null;
  /** ENVIRONMENT accounts: the B2C shortcode partial refunds are paid from; null: whole refunds (Reversal) only. */
  b2cShortcode?: string | null;
}

export interface DarajaInitiatorConfig {
  name: string;
  password: string;
  /** PEM; null against the simulator, whose published certificate is used. */
  certificate: string | null;
}

export type VodacomMarketCode = (typeof VODACOM_MARKET_CODES)[number];
export interface VodacomSettings {
  mode: DarajaMode;
  market: VodacomMarketCode;
  /** The path segment: `sandbox` for test payments, `openapi` for live ones. */
  environment: "sandbox" | "openapi";
  baseUrl: string;
  apiKey: string;
  /** The market's public key as the portal shows it; null: the simulator's, read from it at first use. */
  publicKey: string | null;
  serviceProviderCode: string;
  origin: string;
  responseMode: "sync" | "async";
  sessionLifetimeMs: number;
  activationDelayMs: number;
  timeoutMs: number;
  maxAmount: number | null;
  isSimulator: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export interface ParseEnvOptions {
  /** This installation's demo secrets; without them demo mode makes throwaway ones. */
  demoSecrets?: DemoSecrets;
}

export function parseEnv(source: Record<string, string | undefined>, options: ParseEnvOptions = {}) {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = raw.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const mode = e.MALIPO_MODE ?? (e.NODE_ENV === "production" ? "production" : "demo");
  // Staging is a real deployment with every production check, except that it may, on purpose, run
  // test payments against the simulator and needs no live Daraja credentials.
  const production = mode !== "demo";
  // Either setting means production; saying both "demo" and "production" is a mistake, not a choice.
  if (e.MALIPO_MODE === "demo" && e.NODE_ENV === "production")
    problems.push("MALIPO_MODE: demo cannot run with NODE_ENV=production (demo logins are printed and shared); unset one of them");
  const demo = production ? null : (options.demoSecrets ?? generateDemoSecrets());
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const simulatorUrl = `http://${e.SIMULATOR_HOST}:${e.SIMULATOR_PORT}`;

  const secret = (name: "AUTH_SECRET" | "CALLBACK_SECRET" | "DATA_SECRET", demoValue: string | undefined) => {
    const value = e[name];
    if (production && !value) problems.push(`${name}: is required in production`);
    else if (production && value && (value.length < MIN_SECRET_LENGTH || DEFAULT_SECRETS.has(value)))
      problems.push(`${name}: must be a random value of at least ${MIN_SECRET_LENGTH} characters, not a default`);
    return value ?? demoValue ?? "";
  };

  const daraja = (m: DarajaMode): DarajaConfig | null => {
    const p = m === "test" ? "DARAJA_TEST_" : "DARAJA_LIVE_";
    const key = e[`${p}CONSUMER_KEY` as keyof typeof e] as string | undefined;
    const secretValue = e[`${p}CONSUMER_SECRET` as keyof typeof e] as string | undefined;
    const shortcode = e[`${p}SHORTCODE` as keyof typeof e] as string | undefined;
    const passkey = e[`${p}PASSKEY` as keyof typeof e] as string | undefined;
    const till = (e[`${p}TILL_NUMBER` as keyof typeof e] as string | undefined) ?? null;
    const b2cShortcode = (e[`${p}B2C_SHORTCODE` as keyof typeof e] as string | undefined) ?? null;
    if (key || secretValue) {
      const missing = [["CONSUMER_KEY", key], ["CONSUMER_SECRET", secretValue], ["SHORTCODE", shortcode], ["PASSKEY", passkey]]
        .filter(([, v]) => !v)
        .map(([n]) => `${p}${n}`);
      if (missing.length) problems.push(`${missing.join(", ")}: required when ${p}CONSUMER_KEY is set`);
      const baseUrl = m === "test" ? (e.DARAJA_TEST_BASE_URL ?? "https://sandbox.safaricom.co.ke") : e.DARAJA_LIVE_BASE_URL;
      return { mode: m, baseUrl: baseUrl.replace(/\/+$/, ""), consumerKey: key ?? "", consumerSecret: secretValue ?? "",
        shortcode: shortcode ?? "", passkey: passkey ?? "", tillNumber: till, timeoutMs: e.DARAJA_TIMEOUT_MS, isSimulator: false,
        initiator: environmentInitiator(p, true), b2cShortcode };
    }
    if (mode === "production") {
      if (m === "live") problems.push("DARAJA_LIVE_CONSUMER_KEY: production needs real Daraja credentials; the simulator is refused (MALIPO_MODE=staging allows it for test payments)");
      return null;
    }
    if (mode === "staging" && m === "live") return null;
    return { mode: m, baseUrl: e.DARAJA_TEST_BASE_URL && m === "test" ? e.DARAJA_TEST_BASE_URL : simulatorUrl,
      consumerKey: SIMULATOR_CONSUMER_KEY, consumerSecret: SIMULATOR_CONSUMER_SECRET, shortcode: SANDBOX_SHORTCODE,
      passkey: SANDBOX_PASSKEY, tillNumber: till, timeoutMs: e.DARAJA_TIMEOUT_MS, isSimulator: true,
      initiator: environmentInitiator(p, false) ?? { name: SANDBOX_INITIATOR_NAME, password: SANDBOX_INITIATOR_PASSWORD, certificate: null },
      // The simulator pays B2C from any of its shortcodes, out of that shortcode's balance: its own
      // collection shortcode by default, so partial refunds work with no configuration.
      b2cShortcode: b2cShortcode ?? SANDBOX_SHORTCODE };
  };
  /** DARAJA_<MODE>_INITIATOR_*: all or none; against Safaricom the certificate too. */
  const environmentInitiator = (p: string, needsCertificate: boolean): DarajaInitiatorConfig | null => {
    const name = e[`${p}INITIATOR_NAME` as keyof typeof e] as string | undefined;
    const password = e[`${p}INITIATOR_PASSWORD` as keyof typeof e] as string | undefined;
    const certificate = (e[`${p}INITIATOR_CERTIFICATE` as keyof typeof e] as string | undefined)?.replaceAll("\\n", "\n") ?? null;
    if (!name && !password && !certificate) return null;
    const missing = [["INITIATOR_NAME", name], ["INITIATOR_PASSWORD", password], ...(needsCertificate ? [["INITIATOR_CERTIFICATE", certificate]] : [])]
      .filter(([, v]) => !v).map(([n]) => `${p}${n}`);
    if (missing.length) problems.push(`${missing.join(", ")}: required when any ${p}INITIATOR_* setting is set`);
    return { name: name ?? "", password: password ?? "", certificate };
  };

  const vodacomSimulatorUrl = `http://${e.SIMULATOR_HOST}:${e.VODACOM_SIMULATOR_PORT}`;
  const vodacom = (m: DarajaMode): VodacomSettings | null => {
    const p = m === "test" ? "VODACOM_TEST_" : "VODACOM_LIVE_";
    const apiKey = e[`${p}API_KEY` as keyof typeof e] as string | undefined;
    const publicKey = e[`${p}PUBLIC_KEY` as keyof typeof e] as string | undefined;
    const serviceProviderCode = e[`${p}SERVICE_PROVIDER_CODE` as keyof typeof e] as string | undefined;
    const common = {
      mode: m, market: e.VODACOM_MARKET, environment: m === "test" ? "sandbox" as const : "openapi" as const, origin: e.VODACOM_ORIGIN,
      responseMode: e.VODACOM_RESPONSE_MODE, sessionLifetimeMs: e.VODACOM_SESSION_LIFETIME_SECONDS * 1000, timeoutMs: e.VODACOM_TIMEOUT_MS, maxAmount: e.VODACOM_MAX_AMOUNT ?? null,
    };
    if (apiKey || publicKey || serviceProviderCode) {
      const missing = [["API_KEY", apiKey], ["PUBLIC_KEY", publicKey], ["SERVICE_PROVIDER_CODE", serviceProviderCode]].filter(([, v]) => !v).map(([n]) => `${p}${n}`);
      if (missing.length) problems.push(`${missing.join(", ")}: required when any ${p}* credential is set`);
      const baseUrl = (m === "test" ? e.VODACOM_TEST_BASE_URL : e.VODACOM_LIVE_BASE_URL).replace(/\/+$/, "");
      return { ...common, baseUrl, apiKey: apiKey ?? "", publicKey: publicKey ?? "", serviceProviderCode: serviceProviderCode ?? "", activationDelayMs: e.VODACOM_ACTIVATION_DELAY_MS, isSimulator: false };
    }
    // Without credentials the rail exists only in demo mode, against the Vodacom simulator.
    if (mode !== "demo") return null;
    return { ...common, baseUrl: vodacomSimulatorUrl, apiKey: VODACOM_SIMULATOR_API_KEY, publicKey: null, serviceProviderCode: VODACOM_SANDBOX_SERVICE_PROVIDER_CODE,
      activationDelayMs: e.VODACOM_SIMULATOR_ACTIVATION_DELAY_MS, isSimulator: true };
  };
  const vodacomTest = vodacom("test");
  const vodacomLive = vodacom("live");
  if (!production && vodacomLive && !vodacomLive.isSimulator && isVodacomHost(vodacomLive.baseUrl))
    problems.push("VODACOM_LIVE_API_KEY: live Vodacom credentials are refused in demo mode (it prints shared logins); set MALIPO_MODE=production");

  if (production && !publicUrl.startsWith("https://")) problems.push("PUBLIC_URL: must be an https:// URL in production");
  if (production && !e.DATABASE_URL) problems.push("DATABASE_URL: is required in production (the embedded database is for demos)");
  const authSecret = secret("AUTH_SECRET", demo?.authSecret);
  const callbackSecret = secret("CALLBACK_SECRET", demo?.callbackSecret);
  const dataSecret = secret("DATA_SECRET", demo?.dataSecret);
  const test = daraja("test");
  const live = daraja("live");
  const usesSimulator = Boolean(test?.isSimulator || live?.isSimulator);
  if (!production && live && !live.isSimulator && isSafaricomHost(live.baseUrl))
    problems.push("DARAJA_LIVE_CONSUMER_KEY: live Daraja credentials are refused in demo mode (it prints shared logins); set MALIPO_MODE=production");
  if (mode === "production" && e.CALLBACK_IP_ALLOWLIST_ENABLED === false)
    problems.push("CALLBACK_IP_ALLOWLIST_ENABLED: cannot be false in production");
  // Per mode: a mode whose payments go to the simulator has no Safaricom addresses to check.
  const allowlistFor = (config: DarajaConfig | null) => e.CALLBACK_IP_ALLOWLIST_ENABLED ?? !(config?.isSimulator ?? false);
  const metricsToken = e.METRICS_TOKEN ?? (demo ? demoMetricsToken(demo.authSecret) : null);
  if (production && e.METRICS_TOKEN && (e.METRICS_TOKEN.length < MIN_SECRET_LENGTH)) problems.push(`METRICS_TOKEN: must be a random value of at least ${MIN_SECRET_LENGTH} characters in production`);
  if (e.WORKER_METRICS_PORT && !metricsToken) problems.push("WORKER_METRICS_PORT: needs METRICS_TOKEN (metrics are never served without a token)");
  if (Boolean(e.SMTP_USER) !== Boolean(e.SMTP_PASSWORD)) problems.push("SMTP_USER, SMTP_PASSWORD: set both or neither");
  if (problems.length) throw new ConfigError(problems);

  return {
    mode,
    /** Staging or production: a real deployment, held to every hardening check. */
    production,
    nodeEnv: e.NODE_ENV ?? "development",
    port: e.PORT,
    host: e.HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    publicUrl,
    logLevel: e.LOG_LEVEL,
    database: {
      url: e.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${e.EMBEDDED_PG_PORT}/malipo`,
      provided: Boolean(e.DATABASE_URL),
      poolSize: e.DATABASE_POOL_SIZE,
      embeddedDir: e.EMBEDDED_PG_DIR,
      embeddedPort: e.EMBEDDED_PG_PORT,
    },
    secrets: { auth: authSecret, callback: callbackSecret, data: dataSecret },
    /** Demo mode's logins and where they are kept; null in production. */
    demo: demo ? { secretsDir: e.DEMO_SECRETS_DIR, secrets: demo } : null,
    sessionMaxAgeSeconds: e.SESSION_MAX_AGE_SECONDS,
    daraja: { test, live, usesSimulator, timeoutMs: e.DARAJA_TIMEOUT_MS },
    vodacom: {
      test: vodacomTest,
      live: vodacomLive,
      usesSimulator: Boolean(vodacomTest?.isSimulator || vodacomLive?.isSimulator),
      /**
       * The VODACOM_* settings that are the app's in Vodacom's portal rather than an account's own
       * (origin, response mode, session lifetime, activation delay, timeout, limit): collection
       * accounts added in the dashboard use them (lib/collection-accounts/vodacom-settings-for-account.ts).
       */
      common: {
        origin: e.VODACOM_ORIGIN, responseMode: e.VODACOM_RESPONSE_MODE, sessionLifetimeMs: e.VODACOM_SESSION_LIFETIME_SECONDS * 1000,
        activationDelayMs: e.VODACOM_ACTIVATION_DELAY_MS, timeoutMs: e.VODACOM_TIMEOUT_MS, maxAmount: e.VODACOM_MAX_AMOUNT ?? null,
      },
      /** The Vodacom simulator the launcher starts in demo mode (lib/main/vodacom-simulator.ts). */
      simulator: { host: e.SIMULATOR_HOST, port: e.VODACOM_SIMULATOR_PORT, url: vodacomSimulatorUrl, activationDelayMs: e.VODACOM_SIMULATOR_ACTIVATION_DELAY_MS },
    },
    simulator: {
      host: e.SIMULATOR_HOST,
      port: e.SIMULATOR_PORT,
      url: simulatorUrl,
      callbackDelayMs: e.SIMULATOR_CALLBACK_DELAY_MS,
      lateCallbackDelayMs: e.SIMULATOR_LATE_CALLBACK_DELAY_MS,
      hangMs: e.SIMULATOR_HANG_MS,
      pendingStyle: e.SIMULATOR_PENDING_STYLE,
      queryTypo: e.SIMULATOR_QUERY_TYPO,
      tokenTtlSeconds: e.SIMULATOR_TOKEN_TTL_SECONDS,
      numericExpiresIn: e.SIMULATOR_NUMERIC_EXPIRES_IN,
      seed: e.SIMULATOR_SEED ?? null,
      chaos: e.SIMULATOR_CHAOS,
      manualTimeoutMs: e.SIMULATOR_MANUAL_TIMEOUT_MS,
      customerPin: e.SIMULATOR_CUSTOMER_PIN,
      revokeOnReissue: e.SIMULATOR_REVOKE_ON_REISSUE,
      callbackOrigin: e.SIMULATOR_CALLBACK_ORIGIN ?? null,
      extraAccounts: e.SIMULATOR_EXTRA_ACCOUNTS,
    },
    callbacks: {
      /** Whether callbacks for each mode's payments must come from the allowlist. */
      allowlistEnabled: { test: allowlistFor(test), live: allowlistFor(live) },
      allowlist: parseAddressList(e.CALLBACK_IP_ALLOWLIST),
      trustedProxies: parseAddressList(e.TRUSTED_PROXIES),
      maxBodyBytes: e.CALLBACK_MAX_BODY_BYTES,
      spoolDir: e.CALLBACK_SPOOL_DIR,
      dbTimeoutMs: e.CALLBACK_DB_TIMEOUT_MS,
      spoolDrainIntervalMs: e.CALLBACK_SPOOL_DRAIN_INTERVAL_MS,
      unmatchedRetrySeconds: e.CALLBACK_UNMATCHED_RETRY_SECONDS,
      rejectedLogPerMinute: e.CALLBACK_REJECTED_LOG_PER_MINUTE,
    },
    statements: {
      maxBytes: e.STATEMENT_MAX_BYTES,
      concurrentImports: e.STATEMENT_CONCURRENT_IMPORTS,
    },
    payments: {
      expirySeconds: e.PAYMENT_EXPIRY_SECONDS,
      reconcileAfterSeconds: e.RECONCILE_AFTER_SECONDS,
      reconcileMaxIntervalSeconds: e.RECONCILE_MAX_INTERVAL_SECONDS,
      queryRatePerSecond: e.QUERY_RATE_PER_SECOND,
      sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS,
      expiredReconcileHours: e.EXPIRED_RECONCILE_HOURS,
      unknownOutcomeMatchWindowSeconds: e.UNKNOWN_OUTCOME_MATCH_WINDOW_SECONDS,
    },
    ledgerPull: {
      intervalMinutes: e.LEDGER_PULL_INTERVAL_MINUTES,
      overlapMinutes: e.LEDGER_PULL_OVERLAP_MINUTES,
      nominatedNumber: e.LEDGER_PULL_NOMINATED_NUMBER ?? null,
    },
    ledger: { missingAfterHours: e.LEDGER_MISSING_AFTER_HOURS },
    refunds: { approvalThreshold: e.REFUND_APPROVAL_THRESHOLD, checkAfterMinutes: e.REFUND_CHECK_AFTER_MINUTES },
    api: { rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE, pollQueryMinIntervalSeconds: e.POLL_QUERY_MIN_INTERVAL_SECONDS },
    webhooks: {
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAgeSeconds: e.WEBHOOK_MAX_AGE_SECONDS,
      backoffBaseSeconds: e.WEBHOOK_BACKOFF_BASE_SECONDS,
      secretGraceSeconds: e.WEBHOOK_SECRET_GRACE_SECONDS,
      backoffMaxSeconds: e.WEBHOOK_BACKOFF_MAX_SECONDS,
      disableAfterSeconds: e.WEBHOOK_DISABLE_AFTER_SECONDS,
      /** Where webhooks may go (lib/webhooks/webhook-target.ts). */
      targets: { allowPrivate: e.WEBHOOK_ALLOW_PRIVATE_TARGETS ?? !production, requireHttps: production },
    },
    worker: { concurrency: e.WORKER_CONCURRENCY, heartbeatStaleSeconds: e.WORKER_HEARTBEAT_STALE_SECONDS, superviseIntervalSeconds: e.WORKER_SUPERVISE_INTERVAL_SECONDS },
    signin: { maxAttempts: e.SIGNIN_MAX_ATTEMPTS, maxAttemptsPerAddress: e.SIGNIN_MAX_ATTEMPTS_PER_ADDRESS, windowSeconds: e.SIGNIN_WINDOW_SECONDS },
    adminTwoFactorRequired: e.ADMIN_TWO_FACTOR_REQUIRED ?? production,
    retention: {
      refusedCallbackDays: e.RETENTION_REFUSED_CALLBACKS_DAYS,
      invalidCallbackDays: e.RETENTION_INVALID_CALLBACKS_DAYS,
      callbackBodyDays: e.RETENTION_CALLBACK_BODIES_DAYS,
      webhookAttemptDays: e.RETENTION_WEBHOOK_ATTEMPTS_DAYS,
    },
    /** token null: /metrics answers 404 (lib/metrics). */
    metrics: { token: metricsToken, workerPort: e.WORKER_METRICS_PORT ?? null },
    alerts: {
      evaluateIntervalSeconds: e.ALERT_EVALUATE_INTERVAL_SECONDS,
      renotifyMinutes: e.ALERT_RENOTIFY_MINUTES,
      /** null: e-mail alerts cannot be sent (lib/alerts/channels). */
      smtp: e.SMTP_HOST ? { host: e.SMTP_HOST, port: e.SMTP_PORT, security: e.SMTP_SECURITY, user: e.SMTP_USER ?? null, password: e.SMTP_PASSWORD ?? null, from: e.SMTP_FROM } : null,
    },
  };
}

export type Env = ReturnType<typeof parseEnv>;

// On globalThis: the web server and Next's bundled copy of this module share one parse, made from
// the settings the process was started with (lib/main/web.ts sets NODE_ENV for Next afterwards).
const CACHE_KEY = Symbol.for("malipo.env");
type EnvHolder = { [CACHE_KEY]?: Env };

/** The validated configuration of this process, parsed from process.env on first use. */
export function getEnv(): Env {
  const holder = globalThis as EnvHolder;
  holder[CACHE_KEY] ??= parseEnv(process.env, { demoSecrets: installationDemoSecrets(process.env) });
  return holder[CACHE_KEY];
}

/** Drops the cached configuration; tests that change process.env call this. */
export function resetEnvForTests(): void {
  delete (globalThis as EnvHolder)[CACHE_KEY];
}

/** Demo mode's secrets from this installation's folder (made on first use); none in production. */
function installationDemoSecrets(source: Record<string, string | undefined>): DemoSecrets | undefined {
  const mode = source.MALIPO_MODE || (source.NODE_ENV === "production" ? "production" : "demo");
  // Refused by parseEnv anyway: make no secrets for a configuration that will not start.
  if (mode !== "demo" || source.NODE_ENV === "production") return undefined;
  return loadDemoSecrets(source.DEMO_SECRETS_DIR || DEFAULT_DEMO_SECRETS_DIR).secrets;
}

function isVodacomHost(url: string): boolean {
  const host = URL.canParse(url) ? new URL(url).hostname : "";
  return host === "m-pesa.com" || host.endsWith(".m-pesa.com");
}

function isSafaricomHost(url: string): boolean {
  const host = URL.canParse(url) ? new URL(url).hostname : "";
  return host === "safaricom.co.ke" || host.endsWith(".safaricom.co.ke");
}
