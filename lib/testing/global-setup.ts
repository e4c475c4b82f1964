import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "@/lib/testing/free-port";
import { assertLocalDatabaseUrl } from "@/lib/testing/local-only";

/**
 * Integration tests get a throwaway PostgreSQL per run: an embedded server in a temporary folder
 * (or TEST_DATABASE_ADMIN_URL, which must be local), and a migrated template database from which
 * each test file clones its own database in milliseconds.
 */

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

let server: RunningPostgres | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (adminUrl) {
    assertLocalDatabaseUrl(adminUrl);
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), "malipo-test-pg-"));
    // As root, postgres runs as its own user, which must be able to enter the folder.
    await chmod(dataDir, 0o755);
    server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: await freePort(), database: "postgres", ephemeral: true });
    adminUrl = server.url;
  }
  const template = `malipo_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await migrate(templateUrl.toString());
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
