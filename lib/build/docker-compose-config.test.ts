import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * docker-compose.yml as docker compose itself reads it (`config`: interpolation, merges, profiles),
 * with the compose plugin when there is one, else Debian's docker-compose. npm test installs the
 * latter when neither is there (.ci/install-test-tools).
 */
const root = path.resolve(import.meta.dirname, "../..");
const exec = promisify(execFile);

// Debian's docker-compose is a Python program: about a second a call on a busy machine.
const TIMEOUT_MS = 60_000;
let found: Promise<string[]> | undefined;
const composeCommand = () => (found ??= findCompose());

async function findCompose(): Promise<string[]> {
  for (const candidate of [["docker", "compose"], ["docker-compose"]]) {
    const ok = await exec(candidate[0]!, [...candidate.slice(1), "version"]).then(() => true, () => false);
    if (ok) return candidate;
  }
  throw new Error("No docker compose here: run `bash .ci/install-test-tools` as root, or `sudo apt-get install docker-compose`");
}

async function config(env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, ...prefix] = await composeCommand();
  const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NODE_ENV: "test" as const, MALIPO_ENV_FILE: ".docker/staging.env.example" };
  return exec(command!, [...prefix, "--project-directory", root, "-f", path.join(root, "docker-compose.yml"), ...args, "config"], { cwd: root, env: { ...base, ...env } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? "", stderr: error.stderr ?? "" }));
}

describe("docker compose config", () => {
  it("accepts the file once PUBLIC_URL and POSTGRES_PASSWORD are given, with the staging profile's simulator", { timeout: TIMEOUT_MS }, async () => {
    const result = await config({ PUBLIC_URL: "https://localhost", POSTGRES_PASSWORD: "0123abcd" }, ["--profile", "staging"]);
    expect(result.stderr).not.toMatch(/error|invalid/i);
    expect(result.code).toBe(0);
    const resolved = parse(result.stdout) as { services: Record<string, { environment?: Record<string, string>; ports?: unknown[] }> };
    expect(Object.keys(resolved.services).sort()).toEqual(["migrate", "postgres", "proxy", "simulator", "web", "worker"]);
    expect(resolved.services.web!.ports).toBeUndefined();
    expect(resolved.services.web!.environment).toMatchObject({
      MALIPO_MODE: "staging", PUBLIC_URL: "https://localhost", DARAJA_TEST_BASE_URL: "http://simulator:4010",
      DATABASE_URL: "postgresql://malipo:0123abcd@postgres:5432/malipo", TRUSTED_PROXIES: "172.30.0.0/24",
    });
  });

  it("refuses to start without PUBLIC_URL or the database password, naming what is missing", { timeout: TIMEOUT_MS }, async () => {
    const [noUrl, noPassword] = await Promise.all([config({ POSTGRES_PASSWORD: "0123abcd" }), config({ PUBLIC_URL: "https://localhost" })]);
    expect(noUrl.code).not.toBe(0);
    expect(noUrl.stderr).toContain("set PUBLIC_URL in .env");
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.stderr).toContain("set POSTGRES_PASSWORD in .env");
  });
});
