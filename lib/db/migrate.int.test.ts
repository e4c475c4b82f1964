import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

describe("the offline migration applier", () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(); });
  afterAll(async () => { await database.drop(); });

  it("is idempotent and records each migration with Prisma's checksum", async () => {
    // The template was migrated already: a second run applies nothing.
    const again = await migrate(database.url);
    expect(again.applied).toEqual([]);
    const files = await readMigrations();
    expect(again.alreadyApplied).toEqual(files.map((f) => f.name));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
    await client.end();
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
  });

  it("runs concurrent appliers one at a time", async () => {
    const results = await Promise.all([migrate(database.url), migrate(database.url), migrate(database.url)]);
    expect(results.every((r) => r.applied.length === 0)).toBe(true);
  });
});
