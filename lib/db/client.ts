import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

/** A client or an open transaction: use cases take either, so they compose inside `$transaction`. */
export type Db = PrismaClient | Prisma.TransactionClient;

// node-postgres waits forever for a connection by default; an unreachable server (or a full pool)
// then hangs every caller. pg-boss's own pools use the same bound.
const CONNECT_TIMEOUT_MS = 10_000;

// On the client object itself, under a registered symbol: the web process loads this module twice
// (Next's bundle and the plain Node server), and either copy may read a client the other made.
const POOL = Symbol.for("malipo.pgPool");

/**
 * The Prisma client runs on a node-postgres pool of our own making, which `pgPoolOf` hands to the
 * few hot paths that send one prepared statement without Prisma's overhead; Prisma ends the pool
 * when it disconnects.
 */
export function createPrisma(url: string, poolSize = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection the server dropped emits here; without a listener that would crash the
  // process. The next query on the pool meets the outage itself, and its caller handles it.
  pool.on("error", () => undefined);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}

/** The pg pool under a client made by `createPrisma`: same connections, same bounds. */
export function pgPoolOf(db: PrismaClient): pg.Pool {
  const pool = (db as unknown as { [POOL]?: pg.Pool })[POOL];
  if (!pool) throw new Error("this Prisma client was not made by createPrisma: it has no pg pool");
  return pool;
}

// One client per process; kept on globalThis so Next's dev reloads do not open a pool per edit.
const holder = globalThis as unknown as { __malipoPrisma?: PrismaClient };

export function getDb(): PrismaClient {
  if (!holder.__malipoPrisma) {
    const env = getEnv();
    holder.__malipoPrisma = createPrisma(env.database.url, env.database.poolSize);
  }
  return holder.__malipoPrisma;
}

/** Closes the process's client (worker shutdown, scripts, tests). */
export async function disconnectDb(): Promise<void> {
  const client = holder.__malipoPrisma;
  holder.__malipoPrisma = undefined;
  await client?.$disconnect();
}
