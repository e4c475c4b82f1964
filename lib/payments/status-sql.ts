import { Prisma, type PaymentStatus } from "@/lib/generated/prisma/client";

// Apart from the state table (state.ts) because it needs Prisma's runtime: client components read
// the table's status lists, and the browser bundle cannot load Prisma.

/**
 * `<column> IN (<the statuses>)` for raw SQL, from the state table's own lists. The values are
 * enum members written as literals (never input), so the planner sees constants, as before.
 */
export function statusInSql(statuses: readonly PaymentStatus[], column = "status"): Prisma.Sql {
  if (!/^[a-z_.]+$/.test(column)) throw new Error(`Not a column name: ${column}`);
  return Prisma.raw(`${column} IN (${statuses.map((s) => `'${s}'`).join(", ")})`);
}
