/**
 * Whether PostgreSQL refused one particular row (a constraint, a value it cannot hold), so that
 * trying the same row again can never work — as opposed to refusing everything for now (read-only
 * after a failover, a permission or schema problem, an outage), which passes once it is fixed.
 * Errors come wrapped by Prisma; the SQLSTATE is read from the driver adapter's cause.
 */

// Prisma's codes for a value or constraint of the row itself.
const ROW_CODES = new Set(["P2000", "P2002", "P2003", "P2004", "P2006", "P2007", "P2011", "P2012", "P2019", "P2020", "P2023"]);
// SQLSTATE classes 22 (data exception: a bad value, NUL in text) and 23 (integrity constraint).
const ROW_SQLSTATE = /^2[23][0-9A-Z]{3}$/;

export function isRowRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && ROW_CODES.has(code)) return true;
  const state = sqlStateOf(error);
  return state !== null && ROW_SQLSTATE.test(state);
}

/** The SQLSTATE PostgreSQL answered with, wherever the wrapping put it; null when there is none. */
export function sqlStateOf(error: unknown): string | null {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } } } | null;
  const cause = e?.meta?.driverAdapterError?.cause;
  for (const candidate of [cause?.originalCode, cause?.code, e?.code]) {
    if (typeof candidate === "string" && /^[0-9A-Z]{5}$/.test(candidate)) return candidate;
  }
  return null;
}
