import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface RefuseWritesOptions {
  /** e.g. "callback_logs", "pgboss.job". */
  table: string;
  /** Which rows, as a trigger WHEN condition on NEW; all of them when left out. */
  when?: string;
  /** Default INSERT. */
  operations?: "INSERT" | "UPDATE" | "INSERT OR UPDATE";
  /** The SQLSTATE PostgreSQL answers with: "25006" (read-only), "42501" (permission denied)… */
  sqlState: string;
  message: string;
}

/**
 * Makes PostgreSQL itself refuse inserts (or updates) on a table with a given SQLSTATE, through a
 * trigger, so code under test meets the error exactly as production would (a read-only primary
 * after a failover, a permission error in pg-boss's schema). Returns the function that lifts it.
 * Tests only: the options are written into SQL as they are.
 */
export async function refuseWrites(db: PrismaClient, { table, when, operations = "INSERT", sqlState, message }: RefuseWritesOptions): Promise<() => Promise<void>> {
  const name = `refuse_${table.replace(/\W/g, "_")}`;
  // $executeRawUnsafe runs one statement at a time.
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}' USING ERRCODE = '${sqlState}'; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE ${operations} ON ${table} FOR EACH ROW ${when ? `WHEN (${when})` : ""} EXECUTE FUNCTION ${name}()`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
  };
}
