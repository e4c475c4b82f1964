import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { verifyC2bToken } from "@/lib/rails/c2b-token";
import { verifyInitiatorToken } from "@/lib/rails/initiator-token";
import { verifyVodacomResultToken } from "@/lib/rails/vodacom/result-token";
import { verifyCallbackToken, type TokenMode } from "@/lib/rails/callback-token";
import { storeAdmittedCallback, type AdmittedCallback } from "@/lib/callbacks/store-admitted-callback";
import { attemptDatabase } from "@/lib/db/attempt-database";
import { callbackDatabaseCircuit, type OutageCircuit } from "@/lib/db/outage-circuit";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CallbackKind, PrismaClient } from "@/lib/generated/prisma/client";
import { getClientAddress, getPeerAddress } from "@/lib/net/peer-address";
import { createLogger, maskPhonesInText } from "@/lib/logger";
import { appendToSpool } from "@/lib/callbacks/spool/append-to-spool";

/** What a request with an invalid token leaves behind: enough to see what it was, too little to fill a disk. */
export const REJECTED_BODY_EXCERPT_BYTES = 2048;
const STORED_HEADERS = ["content-type", "user-agent", "businessshortcode", "x-forwarded-for"];
const MAX_HEADER_LENGTH = 256;
const MAX_TOKEN_LENGTH = 200;

/** `callbackLogId` is null when the database could not be reached: the request was only logged. */
export type CallbackVerdict =
  | { kind: "accepted"; callbackLogId: bigint; body?: string }
  /** PostgreSQL was unreachable: the request is on this machine's spool, fsynced, to be drained. */
  | { kind: "spooled"; spoolId: string; body?: string }
  | { kind: "address_rejected"; callbackLogId: bigint | null }
  | { kind: "token_rejected"; callbackLogId: bigint | null }
  | { kind: "too_large"; callbackLogId: bigint | null };

export interface ReceiveCallbackOptions {
  /** STK callbacks carry a payment's token; C2B confirmations a collection account's; initiator results their request's. */
  kind: CallbackKind;
  req: Request;
  token: string;
  env: Env;
  boss?: PgBoss;
  circuit?: OutageCircuit;
}

const log = createLogger("callbacks");

/** A token judged without any lookup: what it names (a payment or an account) and the mode it was signed for. */
type Verdict = { valid: true; subject: string; mode: TokenMode | null } | { valid: false; subject: string | null; reason: string };

function verifyToken(kind: CallbackKind, token: string, secret: string): Verdict {
  if (kind === "STK") {
    const v = verifyCallbackToken(token, secret);
    return v.valid ? { valid: true, subject: v.paymentId, mode: v.mode } : { valid: false, subject: v.paymentId, reason: v.reason };
  }
  if (kind === "VODACOM_RESULT") {
    const v = verifyVodacomResultToken(token, secret);
    return v.valid ? { valid: true, subject: "vodacom", mode: v.mode } : { valid: false, subject: null, reason: v.reason };
  }
  if (kind === "INITIATOR_RESULT" || kind === "INITIATOR_TIMEOUT") {
    const v = verifyInitiatorToken(token, secret);
    return v.valid ? { valid: true, subject: v.requestId, mode: v.mode } : { valid: false, subject: null, reason: v.reason };
  }
  const v = verifyC2bToken(token, secret);
  return v.valid ? { valid: true, subject: v.accountId, mode: v.mode } : { valid: false, subject: null, reason: v.reason };
}

/**
 * The callback endpoints' whole job (STK callbacks and C2B confirmations alike, told apart by `kind`): judge the source address and the token, read the body under a
 * hard cap, and store the request. A request with a valid token is inserted whole together with its
 * processing job in one transaction, so it is processed if and only if it was stored; the payment
 * is left to the worker. That includes one refused only for its source address: the token is an
 * HMAC only Malipo makes, so it is almost certainly genuine (a reverse proxy in front and
 * TRUSTED_PROXIES unset), and is kept for an admin to accept (see address-refusal.ts). Requests
 * with an invalid token keep a bounded excerpt, and past a per-address rate only a count.
 *
 * Safaricom never sends a callback twice, so when PostgreSQL cannot store a request with a valid
 * token — unreachable, slower than CALLBACK_DB_TIMEOUT_MS, or refusing it for any other reason
 * (read-only after a failover, a permission or schema error in the job queue) — it goes to the
 * local spool instead, and is drained later under the same spool id, so a slow insert that commits
 * after all is not stored twice. The checks need no database; a request with an invalid token that
 * cannot be stored is only logged, and still gets its answer.
 */
export async function receiveCallback(db: PrismaClient, { kind, req, token, env, boss, circuit = callbackDatabaseCircuit() }: ReceiveCallbackOptions): Promise<CallbackVerdict> {
  const receivedAt = new Date();
  const address = getClientAddress(req, env.callbacks.trustedProxies);
  const sourceIp = address ?? "unknown";
  const verdict = verifyToken(kind, token, env.secrets.callback);
  // The address check of the mode the token was signed for; without one (a bad or older token), the stricter.
  const checks = env.callbacks.allowlistEnabled;
  // The allowlist is Safaricom's addresses; Vodacom publishes none, so its results rest on their token.
  const mustCheck = kind === "VODACOM_RESULT" ? false
    : verdict.valid && verdict.mode ? checks[verdict.mode === "TEST" ? "test" : "live"] : checks.test || checks.live;
  const ipAllowed = !mustCheck || env.callbacks.allowlist.contains(address);
  // A valid token is kept whole even when the address is refused (see address-refusal.ts).
  const maxBytes = verdict.valid ? env.callbacks.maxBodyBytes : REJECTED_BODY_EXCERPT_BYTES;
  const body = await readLimitedBody(req, maxBytes);
  const record = {
    kind,
    // A decoded path may hold %00, which PostgreSQL text refuses.
    token: token.slice(0, MAX_TOKEN_LENGTH).replaceAll("\u0000", "\uFFFD"),
    body: body.text,
    headers: pickHeaders(req.headers),
    sourceIp,
    ipAllowed,
    tokenValid: verdict.valid,
  };
  const truncation = body.truncated ? `; body truncated to its first ${maxBytes} bytes` : "";
  const attempt = <T>(work: () => Promise<T>) => attemptDatabase(work, { circuit, timeoutMs: env.callbacks.dbTimeoutMs });

  if (!verdict.valid) {
    const error = !ipAllowed ? `source address ${sourceIp} is not on the callback allowlist` : `invalid token: ${verdict.reason}`;
    const stored = await attempt(() => storeRejected(db, { ...record, error: error + truncation }, env.callbacks.rejectedLogPerMinute));
    if (!stored.ok) log.warn({ sourceIp, error, database: stored.reason }, `refused callback not logged: ${stored.outage ? "database unreachable" : "the database refused the write"}`);
    return { kind: ipAllowed ? "token_rejected" : "address_rejected", callbackLogId: stored.ok ? stored.value : null };
  }
  if (body.truncated) {
    const stored = await attempt(async () => {
      const row = await db.callbackLog.create({
        data: { ...record, outcome: "INVALID", processedAt: new Date(), error: `body larger than ${maxBytes} bytes${truncation}` },
      });
      return row.id;
    });
    if (!stored.ok) log.error({ sourceIp, subject: verdict.subject, maxBytes, database: stored.reason }, `oversized callback refused and not logged: ${stored.outage ? "database unreachable" : "the database refused the write"}`);
    return { kind: "too_large", callbackLogId: stored.ok ? stored.value : null };
  }
  if (!ipAllowed) {
    // Loud on purpose: this is how a misconfigured proxy silently loses every real callback.
    log.error({ sourceIp, peer: getPeerAddress(req), subject: verdict.subject },
      "a callback with a valid token was refused for its source address: real callbacks are probably being refused. Check TRUSTED_PROXIES and CALLBACK_IP_ALLOWLIST; the callback is kept, and an admin can reprocess it");
  }

  const callback: AdmittedCallback = { ...record, spoolId: randomUUID(), receivedAt };
  const stored = await attempt(() => storeAdmittedCallback(db, { callback, boss }));
  // An outage is expected now and then; PostgreSQL refusing a callback is a fault someone must fix.
  if (!stored.ok && !stored.outage) log.error({ err: stored.error, subject: verdict.subject, spoolId: callback.spoolId }, "PostgreSQL refused to store a callback; spooling it until it accepts");
  const kept = stored.ok ? { kind: "accepted" as const, callbackLogId: stored.value.callbackLogId }
    : await spool(env.callbacks.spoolDir, callback, { subject: verdict.subject, database: stored.reason });
  // The body read, for an endpoint whose acknowledgement echoes it (Vodacom's).
  if (ipAllowed) return kept.kind === "accepted" || kept.kind === "spooled" ? { ...kept, body: body.text } : kept;
  return { kind: "address_rejected", callbackLogId: kept.kind === "accepted" ? kept.callbackLogId : null };
}

/** Appends and fsyncs before the 200; if even that fails, the request is logged whole and answered 500. */
async function spool(dir: string, callback: AdmittedCallback, context: { subject: string | null; database: string }): Promise<CallbackVerdict> {
  try {
    await appendToSpool(dir, callback);
  } catch (error) {
    // The last trace of a callback Safaricom will not send again: everything but the secret token.
    log.fatal(
      { err: error, ...context, spoolId: callback.spoolId, sourceIp: callback.sourceIp, receivedAt: callback.receivedAt.toISOString(), headers: callback.headers, body: maskPhonesInText(callback.body) },
      "CALLBACK NOT STORED: the database could not store it and the spool write failed",
    );
    throw new AppError("internal", "The callback could not be stored; it has been logged.");
  }
  log.warn({ ...context, spoolId: callback.spoolId }, "database unreachable, too slow or refusing: callback spooled, to be stored when it accepts");
  return { kind: "spooled", spoolId: callback.spoolId };
}

async function storeRejected(
  db: PrismaClient,
  data: { kind: CallbackKind; token: string; body: string; headers: Record<string, string>; sourceIp: string; ipAllowed: boolean; tokenValid: boolean; error: string },
  perMinute: number,
): Promise<bigint | null> {
  const limit = await consumeRateLimit(db, { key: `callbacks.rejected:${data.sourceIp}`, limit: perMinute });
  if (!limit.allowed) {
    // The counter row keeps the count; one log line per address and minute says it happened.
    if (limit.count === perMinute + 1) log.warn({ sourceIp: data.sourceIp, perMinute }, "refused callbacks past the per-minute cap: counting only");
    return null;
  }
  const row = await db.callbackLog.create({ data: { ...data, outcome: "REJECTED", processedAt: new Date() }, select: { id: true } });
  return row.id;
}

function pickHeaders(headers: Headers): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = headers.get(name);
    if (value !== null) picked[name] = value.slice(0, MAX_HEADER_LENGTH).replaceAll("\u0000", "\uFFFD");
  }
  return picked;
}
