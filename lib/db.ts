import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

/** A client or an open transaction: use cases take either, so they compose inside `$transaction`. */
export type Db = PrismaClient | Prisma.TransactionClient;

export function createPrisma(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
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
