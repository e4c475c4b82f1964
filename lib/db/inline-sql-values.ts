import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A Prisma.Sql as one self-contained statement with its values written in as literals, for the
 * statements PostgreSQL runs without bound parameters (COPY). Strings are quoted by node-postgres's
 * escapeLiteral (quotes and backslashes doubled, E'' when needed), so text typed into a search box
 * stays a value; only the kinds of value our queries bind are accepted, anything else is refused.
 */
export function inlineSqlValues(sql: Prisma.Sql): string {
  return sql.strings.slice(1).reduce((text, part, i) => text + literal(sql.values[i]) + part, sql.strings[0] ?? "");
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return pg.escapeLiteral(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "bigint") return `(${value.toString()})`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} into SQL`);
    return `(${String(value)})`;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError("cannot write an invalid date into SQL");
    return `${pg.escapeLiteral(value.toISOString())}::timestamptz`;
  }
  throw new TypeError(`cannot write a ${typeof value} into SQL`);
}
