import { describe, expect, it } from "vitest";
import { isRowRefusal, sqlStateOf } from "@/lib/db/refused-row";

// As Prisma 7 with @prisma/adapter-pg wraps them (seen on PostgreSQL 17).
const prismaError = (code: string, sqlState: string) => Object.assign(new Error(`Code: ${sqlState}`), {
  name: "PrismaClientKnownRequestError", code, meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: sqlState, code: sqlState, kind: "postgres" } } },
});

describe("isRowRefusal", () => {
  it("is true for constraints and values of the row itself", () => {
    expect(isRowRefusal(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(true);
    expect(isRowRefusal(prismaError("P2010", "22021"))).toBe(true);
    expect(isRowRefusal(prismaError("P2010", "23514"))).toBe(true);
  });

  it("is false for refusals that pass: read-only, permissions, missing schema, outages, bugs", () => {
    for (const state of ["25006", "42501", "42P01", "40001", "57P01", "08006"]) expect([state, isRowRefusal(prismaError("P2010", state))]).toEqual([state, false]);
    expect(isRowRefusal(prismaError("P2039", "25006"))).toBe(false);
    expect(isRowRefusal(Object.assign(new Error("no pool connection"), { code: "P2024" }))).toBe(false);
    expect(isRowRefusal(new TypeError("x is undefined"))).toBe(false);
    expect(isRowRefusal(null)).toBe(false);
  });

  it("reads the SQLSTATE of a plain node-postgres error too", () => {
    expect(sqlStateOf(Object.assign(new Error("read-only"), { code: "25006" }))).toBe("25006");
    expect(sqlStateOf(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBeNull();
  });
});
