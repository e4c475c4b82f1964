import type { Db } from "@/lib/db/client";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

// Generous bounds: under a burst of callbacks, connections are busy and row locks queue up.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

/**
 * Runs `fn` inside the caller's transaction, or opens one when handed the client itself, so a use
 * case taking `db | tx` is atomic either way. A transaction client lacks `$connect` (Prisma 7 keeps
 * `$transaction` on it, for nesting, so that member cannot tell them apart).
 */
export function inTransaction<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return "$connect" in db ? (db as PrismaClient).$transaction(fn, TRANSACTION_OPTIONS) : fn(db);
}
