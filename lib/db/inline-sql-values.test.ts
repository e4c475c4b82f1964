import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { inlineSqlValues } from "@/lib/db/inline-sql-values";

describe("inlineSqlValues", () => {
  it("writes each bound value in place, nested fragments included", () => {
    const inner = Prisma.sql`p.amount >= ${-5} AND p.created_at < ${new Date("2026-12-01T21:00:00Z")}`;
    const sql = Prisma.sql`SELECT 1 WHERE p.id = ${"pay_1"} AND ${inner} AND p.late = ${true} AND p.x IS ${null} AND n = ${10n}`;
    expect(inlineSqlValues(sql)).toBe(
      "SELECT 1 WHERE p.id = 'pay_1' AND p.amount >= (-5) AND p.created_at < '2026-12-01T21:00:00.000Z'::timestamptz AND p.late = TRUE AND p.x IS NULL AND n = (10)",
    );
  });

  it("keeps typed text a value: quotes doubled, backslashes escaped", () => {
    expect(inlineSqlValues(Prisma.sql`x = ${"O'Brien'); DROP TABLE payments; --"}`)).toBe("x = 'O''Brien''); DROP TABLE payments; --'");
    expect(inlineSqlValues(Prisma.sql`x LIKE ${"50\\%%"}`)).toBe("x LIKE  E'50\\\\%%'");
  });

  it("refuses values it cannot write exactly", () => {
    expect(() => inlineSqlValues(Prisma.sql`x = ${Number.NaN}`)).toThrow(TypeError);
    expect(() => inlineSqlValues(Prisma.sql`x = ${new Date(Number.NaN)}`)).toThrow(TypeError);
    expect(() => inlineSqlValues(Prisma.sql`x = ${{ a: 1 }}`)).toThrow(TypeError);
  });
});
