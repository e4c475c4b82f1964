import { timeWaitOnOther } from "@/lib/metrics/provider-time";
import type { Mode, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";

/** A response as stored for replay: status and JSON body (headers are rebuilt on the way out). */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotentRequest {
  storefrontId: string;
  mode: Mode;
  key: string;
  /** "POST /api/v1/payments": a key is bound to one endpoint. */
  requestPath: string;
  fingerprint: string;
}

export interface IdempotencyTiming {
  /** How long a concurrent request waits for the first one's answer before a 409. */
  waitMs: number;
  /** A claim older than this without an answer was abandoned (its process died mid-request). */
  abandonedAfterMs: number;
  pollMs?: number;
}

/** Rebuilds an answer for an abandoned claim from the payment it created. */
export type RecoverResponse = (paymentId: string) => Promise<StoredResponse>;

export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/** Reads the optional Idempotency-Key header; a present but unusable value is a 400. */
export function readIdempotencyKey(req: Request): string | null {
  const value = req.headers.get("idempotency-key");
  if (value === null) return null;
  const key = value.trim();
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("invalid_request", "Idempotency-Key must be 1 to 255 visible ASCII characters", { param: "Idempotency-Key" });
  }
  return key;
}

/**
 * Stripe's semantics, with the (storefront, mode, key) row as the lock: whoever inserts it runs the
 * request and stores the answer; everyone else with the same body waits for that answer and gets it
 * again (replayed), or a 409 when the body differs or the first request outlasts the wait.
 * `run` receives the row's id so the payment can be linked to it in its own transaction.
 */
export async function runIdempotent(
  db: PrismaClient,
  request: IdempotentRequest,
  run: (idempotencyKeyId: string) => Promise<StoredResponse>,
  timing: IdempotencyTiming & { recover: RecoverResponse },
): Promise<{ response: StoredResponse; replayed: boolean }> {
  const deadline = Date.now() + timing.waitMs;
  for (;;) {
    const claimedId = await claim(db, request);
    if (claimedId) return { response: await runClaimed(db, claimedId, run), replayed: false };
    // Waiting for the first request's answer is its time (mostly M-Pesa's), not this one's own.
    const stored = await timeWaitOnOther(() => awaitAnswer(db, request, deadline, timing));
    if (stored) return { response: stored, replayed: true };
    // The first request gave its claim back (it failed before creating anything): try to claim it.
  }
}

async function claim(db: PrismaClient, request: IdempotentRequest): Promise<string | null> {
  const now = new Date();
  const where = { storefrontId: request.storefrontId, mode: request.mode, key: request.key };
  const id = createId("idk");
  const insert = async () => {
    const { count } = await db.idempotencyKey.createMany({
      data: [{ id, ...where, requestHash: request.fingerprint, requestPath: request.requestPath, createdAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) }],
      skipDuplicates: true,
    });
    return count === 1;
  };
  // A new key (nearly every request) costs one statement; only a key already taken is looked at again.
  if (await insert()) return id;
  // An expired key that housekeeping has not purged yet is gone for every purpose.
  const { count: expired } = await db.idempotencyKey.deleteMany({ where: { ...where, expiresAt: { lte: now } } });
  return expired > 0 && (await insert()) ? id : null;
}

async function runClaimed(db: PrismaClient, id: string, run: (id: string) => Promise<StoredResponse>): Promise<StoredResponse> {
  let response: StoredResponse;
  try {
    response = await run(id);
  } catch (error) {
    // Give the key back only if nothing was created: then a retry with it cannot push twice.
    await db.idempotencyKey.deleteMany({ where: { id, paymentId: null } }).catch(() => undefined);
    throw error;
  }
  await db.idempotencyKey.update({
    where: { id },
    data: { responseStatus: response.status, responseBody: storedBody(response.body), completedAt: new Date() },
  });
  return response;
}

async function awaitAnswer(
  db: PrismaClient,
  request: IdempotentRequest,
  deadline: number,
  timing: IdempotencyTiming & { recover: RecoverResponse },
): Promise<StoredResponse | null> {
  for (;;) {
    const row = await db.idempotencyKey.findUnique({
      where: { storefrontId_mode_key: { storefrontId: request.storefrontId, mode: request.mode, key: request.key } },
    });
    if (!row) return null;
    if (row.requestPath !== request.requestPath || row.requestHash !== request.fingerprint) {
      throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used with a different request. Use a new key for a new payment.", {
        param: "Idempotency-Key",
      });
    }
    if (row.completedAt && row.responseStatus !== null) return { status: row.responseStatus, body: replayedBody(row.responseBody) };
    if (row.paymentId && Date.now() - row.createdAt.getTime() > timing.abandonedAfterMs) {
      return completeAbandoned(db, row.id, await timing.recover(row.paymentId));
    }
    if (Date.now() >= deadline) {
      throw new AppError("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed. Retry shortly to get its answer.", {
        param: "Idempotency-Key",
        headers: { "Retry-After": "1" },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, timing.pollMs ?? 50));
  }
}

/** Stores the recovered answer once (first writer wins), so every later replay is the same. */
async function completeAbandoned(db: PrismaClient, id: string, response: StoredResponse): Promise<StoredResponse> {
  await db.idempotencyKey.updateMany({
    where: { id, completedAt: null },
    data: { responseStatus: response.status, responseBody: storedBody(response.body), completedAt: new Date() },
  });
  const row = await db.idempotencyKey.findUniqueOrThrow({ where: { id } });
  return { status: row.responseStatus ?? response.status, body: replayedBody(row.responseBody) };
}

// jsonb reorders object keys; the body is kept as its JSON text so a replay is byte for byte the original.
function storedBody(body: unknown): Prisma.InputJsonValue {
  return JSON.stringify(body);
}

function replayedBody(stored: Prisma.JsonValue): unknown {
  return typeof stored === "string" ? JSON.parse(stored) : stored;
}
