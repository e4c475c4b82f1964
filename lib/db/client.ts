import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

/** A client or an open transaction: use cases take either, so they compose inside `$transaction`. */
export type Db = PrismaClient | Prisma.TransactionClient;

// node-postgres waits forever for a connection by default; an unreachable server (or a full pool)
// then hangs every caller. pg-boss's own pools use the same bound.
const CONNECT_TIMEOUT_MS = 10_000;

export function createPrisma(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  return new PrismaClient({ adapter });
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
