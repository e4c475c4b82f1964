import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Writes that return nothing (INSERT, UPDATE without RETURNING), as data-modifying CTEs to put in
 * front of another statement of the same transaction: `WITH w0 AS (…), w1 AS (…) <statement>`.
 * PostgreSQL runs each exactly once, whether or not the statement reads it, so a write rides
 * along instead of costing a round trip of its own. Empty for no writes.
 */
export function writesAlongside(writes: readonly Prisma.Sql[]): Prisma.Sql {
  if (writes.length === 0) return Prisma.empty;
  return Prisma.join(writes.map((write, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${write})`), ", ");
}
