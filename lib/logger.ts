import pino, { type Logger } from "pino";

// Keys whose values are never written to a log, whatever object they sit in (two levels deep).
const SECRET_KEYS = [
  "password", "passwordHash", "passkey", "secret", "signingSecret", "token", "accessToken", "access_token",
  "apiKey", "authorization", "Authorization", "cookie", "consumerSecret", "consumerKey", "Password",
];
// Keys holding phone numbers: kept, but masked to the first 4 and last 3 digits.
const PHONE_KEYS = ["phone", "msisdn", "PhoneNumber", "PartyA", "phoneNumber"];

function paths(keys: string[]): string[] {
  return keys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
}

/** Masks a phone number for logs and display to people who need only to recognise it: 2547****149. */
export function maskPhone(value: unknown): string {
  const digits = String(value ?? "").replace(/\D/g, "");
  if (digits.length < 7) return "***";
  return `${digits.slice(0, 4)}****${digits.slice(-3)}`;
}

/** Masks every Kenyan phone number inside free text (a raw callback body) the way maskPhone does. */
export function maskPhonesInText(text: string): string {
  return text.replace(/(?<!\d)254[17]\d{8}(?!\d)/g, (phone) => maskPhone(phone));
}

const options: pino.LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { service: process.env.MALIPO_SERVICE ?? "malipo" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [...paths(SECRET_KEYS), ...paths(PHONE_KEYS)],
    // Paths may hold symbols (pino's own keys): compare the last segment as a string.
    censor: (value, path) => (PHONE_KEYS.includes(String(path.at(-1))) ? maskPhone(value) : "[redacted]"),
  },
  formatters: { level: (label) => ({ level: label }) },
  // Errors from pg carry the whole client object: keep what helps, not kilobytes of internals.
  serializers: { err: serializeError },
};

const root: Logger = pino(options);

/** The same configuration writing to another stream (tests of the redaction). */
export function createLoggerForStream(stream: pino.DestinationStream): Logger {
  return pino({ ...options, level: "info" }, stream);
}

/** A logger scoped to one part of the system; add context with `.child({ paymentId })`. */
export function createLogger(scope: string, bindings: Record<string, unknown> = {}): Logger {
  return root.child({ scope, ...bindings });
}

export type { Logger };

function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    // pg-boss reports worker errors as plain copies ({ ...err, message, stack, queue }): keep what says what.
    if (error && typeof error === "object" && "message" in error) {
      const { message, code, queue } = error as { message: unknown; code?: unknown; queue?: unknown };
      return { message: String(message), ...(code ? { code } : {}), ...(queue ? { queue } : {}) };
    }
    return { message: String(error) };
  }
  const { code, detail } = error as Error & { code?: unknown; detail?: unknown };
  return { type: error.name, message: error.message, ...(code ? { code } : {}), ...(detail ? { detail } : {}), stack: error.stack, ...(error.cause ? { cause: serializeError(error.cause) } : {}) };
}
