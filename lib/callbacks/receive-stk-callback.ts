import type { PgBoss } from "pg-boss";
import { consumeRateLimit } from "@/lib/api/consume-rate-limit";
import { readLimitedBody } from "@/lib/api/read-limited-body";
import { verifyCallbackToken } from "@/lib/callbacks/callback-token";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getClientAddress } from "@/lib/http/peer-address";
import { getSenderBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { processCallbackJob } from "@/lib/jobs/process-callback-job";
import { sendJob } from "@/lib/jobs/send-job";
import { createLogger } from "@/lib/logger";

/** What a refused request leaves behind: enough to see what it was, too little to fill a disk. */
export const REJECTED_BODY_EXCERPT_BYTES = 2048;
const STORED_HEADERS = ["content-type", "user-agent", "businessshortcode", "x-forwarded-for"];
const MAX_HEADER_LENGTH = 256;
const MAX_TOKEN_LENGTH = 200;

export type CallbackVerdict =
  | { kind: "accepted"; callbackLogId: bigint }
  | { kind: "address_rejected"; callbackLogId: bigint | null }
  | { kind: "token_rejected"; callbackLogId: bigint | null }
  | { kind: "too_large"; callbackLogId: bigint };

export interface ReceiveStkCallbackOptions {
  req: Request;
  token: string;
  env: Env;
  boss?: PgBoss;
}

const log = createLogger("callbacks");

/**
 * The callback endpoint's whole job: judge the source address and the token, read the body under a
 * hard cap, and store the request. An admitted request is inserted together with its processing job
 * in one transaction, so it is processed if and only if it was stored; the payment is left to the
 * worker. Refused requests keep a bounded excerpt, and past a per-address rate only a count.
 */
export async function receiveStkCallback(db: PrismaClient, { req, token, env, boss }: ReceiveStkCallbackOptions): Promise<CallbackVerdict> {
  const address = getClientAddress(req, env.callbacks.trustedProxies);
  const sourceIp = address ?? "unknown";
  const ipAllowed = !env.callbacks.allowlistEnabled || (address !== null && env.callbacks.allowlist.includes(address));
  const verdict = verifyCallbackToken(token, env.secrets.callback);
  const admitted = ipAllowed && verdict.valid;
  const maxBytes = admitted ? env.callbacks.maxBodyBytes : REJECTED_BODY_EXCERPT_BYTES;
  const body = await readLimitedBody(req, maxBytes);
  const record = {
    // A decoded path may hold %00, which PostgreSQL text refuses.
    token: token.slice(0, MAX_TOKEN_LENGTH).replaceAll("\u0000", "\uFFFD"),
    body: body.text,
    headers: pickHeaders(req.headers),
    sourceIp,
    ipAllowed,
    tokenValid: verdict.valid,
  };
  const truncation = body.truncated ? `; body truncated to its first ${maxBytes} bytes` : "";

  if (!admitted) {
    const error = !ipAllowed ? `source address ${sourceIp} is not on the callback allowlist` : `invalid token: ${verdict.valid ? "" : verdict.reason}`;
    const callbackLogId = await storeRejected(db, { ...record, error: error + truncation }, env.callbacks.rejectedLogPerMinute);
    return { kind: ipAllowed ? "token_rejected" : "address_rejected", callbackLogId };
  }
  if (body.truncated) {
    const row = await db.callbackLog.create({
      data: { ...record, outcome: "INVALID", processedAt: new Date(), error: `body larger than ${maxBytes} bytes${truncation}` },
    });
    return { kind: "too_large", callbackLogId: row.id };
  }

  const sender = boss ?? (await getSenderBoss());
  await ensureQueue(sender, processCallbackJob);
  const callbackLogId = await db.$transaction(async (tx) => {
    const row = await tx.callbackLog.create({ data: record, select: { id: true } });
    await sendJob(processCallbackJob, { callbackLogId: String(row.id) }, { tx, boss: sender });
    return row.id;
  });
  return { kind: "accepted", callbackLogId };
}

async function storeRejected(
  db: PrismaClient,
  data: { token: string; body: string; headers: Record<string, string>; sourceIp: string; ipAllowed: boolean; tokenValid: boolean; error: string },
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
