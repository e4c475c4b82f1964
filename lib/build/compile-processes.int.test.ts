import { copyFile, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileProcesses, PROCESS_ENTRY_POINTS } from "@/lib/build/compile-processes";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { spawnNode, waitUntil } from "@/lib/testing/node-process";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The image's processes as compiled JavaScript, run with plain `node` from a folder laid out as the
 * image is (compiled files, package.json, node_modules, prisma/migrations; no TypeScript sources).
 */
describe("compiled processes", () => {
  let out: string;
  let files: string[];
  let database: TestDatabase;
  let db: PrismaClient;

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "malipo-compiled-"));
    files = await compileProcesses({ root, outdir: out });
    await copyFile(path.join(root, "package.json"), path.join(out, "package.json"));
    await symlink(path.join(root, "node_modules"), path.join(out, "node_modules"));
    await symlink(path.join(root, "prisma"), path.join(out, "prisma"));
    database = await createTestDatabase();
    db = createPrisma(database.url, 2);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
    await rm(out, { recursive: true, force: true });
  });

  it("writes one JavaScript file per entry point, beside its source path, with no TypeScript loader", async () => {
    expect(files).toEqual(PROCESS_ENTRY_POINTS.map((entry) => entry.replace(/\.ts$/, ".js")).sort());
    for (const file of files) {
      const code = await readFile(path.join(out, file), "utf8");
      expect(code).not.toMatch(/from "tsx|"@\/lib\//);
    }
    expect((await readdir(path.join(out, "lib"))).every((name) => !name.endsWith(".ts"))).toBe(true);
  });

  it("runs the migration job, the worker and its container healthcheck", async () => {
    const env = { DATABASE_URL: database.url, LOG_LEVEL: "warn", NODE_ENV: "test" };
    const migrate = spawnNode([path.join(out, "lib/main/migrate.js")], env, out);
    expect((await migrate.exited).code).toBe(0);
    // It found the migrations from its own location in the image layout.
    expect(migrate.output()).toMatch(/migrations: 0 applied, [1-9]\d* already applied/);

    const worker = spawnNode(["--enable-source-maps", path.join(out, "worker/index.js")], env, out);
    try {
      await waitUntil(async () => (await db.workerHeartbeat.count()) > 0, 30_000, "the compiled worker's heartbeat", worker);
      const alive = spawnNode([path.join(out, "lib/main/worker-alive.js")], env, out);
      expect((await alive.exited).code).toBe(0);
    } finally {
      await worker.stop();
    }
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
