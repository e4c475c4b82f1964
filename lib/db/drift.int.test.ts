import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actualShape, diffShapes, expectedShape, SCHEMA_PATH } from "@/lib/db/drift";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

describe("schema.prisma and the SQL migrations", () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(); });
  afterAll(async () => { await database.drop(); });

  it("describe the same tables, columns, types, nullability, enums, unique constraints and indexes", async () => {
    const diff = diffShapes(await expectedShape(), await actualShape(database.url));
    expect(diff).toEqual([]);
  });

  it("are reported as drifting when schema.prisma gains a column without a migration", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const edited = schema.replace(/(model Payment \{\n)/, "$1  tipAmount Int? @map(\"tip_amount\")\n");
    const dir = await mkdtemp(path.join(tmpdir(), "malipo-drift-"));
    await writeFile(path.join(dir, "schema.prisma"), edited);
    const diff = diffShapes(await expectedShape(path.join(dir, "schema.prisma")), await actualShape(database.url));
    expect(diff).toEqual(["column payments.tip_amount is in schema.prisma but not in the migrations"]);
  });

  it("are reported as drifting when a unique constraint or nullability differs", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const edited = schema
      .replace('mpesaReceipt      String?       @unique @map("mpesa_receipt")', 'mpesaReceipt      String?       @map("mpesa_receipt")')
      .replace('reference         String\n', 'reference         String?\n');
    const dir = await mkdtemp(path.join(tmpdir(), "malipo-drift-"));
    await writeFile(path.join(dir, "schema.prisma"), edited);
    const diff = diffShapes(await expectedShape(path.join(dir, "schema.prisma")), await actualShape(database.url));
    expect(diff).toContain("unique constraint payments(mpesa_receipt) is in the migrations but not in schema.prisma");
    expect(diff).toContain("column payments.reference is nullable in schema.prisma but not in the migrations");
  });
});
