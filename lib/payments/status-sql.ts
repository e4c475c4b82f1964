import { Prisma, type PaymentStatus } from "@/lib/generated/prisma/client";

// Apart from state.ts so the table stays free of the database client: the dashboard's browser code imports it.

/**
 * `<column> IN (…)` for raw SQL, from the state table's own lists (OPEN_STATUSES, FINAL_STATUSES…). The values are
 * enum members written as literals (never input), so the planner sees constants, as before.
 */
export function statusInSql(statuses: readonly PaymentStatus[], column = "status"): Prisma.Sql {
  if (!/^[a-z_.]+$/.test(column)) throw new Error(`Not a column name: ${column}`);
  return Prisma.raw(`${column} IN (${statuses.map((s) => `'${s}'`).join(", ")})`);
}
