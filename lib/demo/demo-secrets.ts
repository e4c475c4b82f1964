import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { randomBase62 } from "@/lib/ids";

/**
 * Demo mode's secrets and logins, random per installation: made at the first start, kept in
 * `<DEMO_SECRETS_DIR>/secrets.json` (folder 0700, file 0600) so later starts and every process of
 * one installation agree, and printed by `npm start`. Nothing here can be computed from the source.
 */
export const DEMO_ADMIN_EMAIL = "admin@malipo.local";
export const DEMO_FINANCE_EMAIL = "finance@malipo.local";
export const DEMO_SECRETS_FILE = "secrets.json";

const secretsSchema = z.object({
  authSecret: z.string().min(32),
  callbackSecret: z.string().min(32),
  dataSecret: z.string().min(32),
  adminPassword: z.string().min(12),
  financePassword: z.string().min(12),
  testApiKey: z.string().regex(/^sk_test_[0-9A-Za-z]{32}$/),
});

export type DemoSecrets = z.infer<typeof secretsSchema>;

export interface DemoLogins {
  admin: { email: string; password: string };
  finance: { email: string; password: string };
  testApiKey: string;
}

export function generateDemoSecrets(): DemoSecrets {
  return {
    authSecret: randomBase62(43),
    callbackSecret: randomBase62(43),
    dataSecret: randomBase62(43),
    adminPassword: `admin-${randomBase62(16)}`,
    financePassword: `finance-${randomBase62(16)}`,
    testApiKey: `sk_test_${randomBase62(32)}`,
  };
}

export function demoLogins(secrets: DemoSecrets): DemoLogins {
  return {
    admin: { email: DEMO_ADMIN_EMAIL, password: secrets.adminPassword },
    finance: { email: DEMO_FINANCE_EMAIL, password: secrets.financePassword },
    testApiKey: secrets.testApiKey,
  };
}

/**
 * This installation's demo secrets, made on first use. Several processes may start at once: each
 * writes its own candidate and links it into place, which only one can do; the others read the
 * winner's, so all of them end up with the same secrets.
 */
export function loadDemoSecrets(dir: string): { secrets: DemoSecrets; created: boolean; file: string } {
  // Parents with the usual mode: the embedded PostgreSQL (its own user when run as root) lives beside us in .data.
  mkdirSync(path.dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The folder itself is ours alone, whatever mode it was made with.
  chmodSync(dir, 0o700);
  const file = path.join(dir, DEMO_SECRETS_FILE);
  let created = false;
  if (!exists(file)) created = publish(file, JSON.stringify(generateDemoSecrets(), null, 2) + "\n");
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const parsed = secretsSchema.safeParse(safeJson(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file} is not a valid demo secrets file; delete it and start again to make new demo secrets`);
  return { secrets: parsed.data, created, file };
}

/** Writes a candidate file, then links it in under the real name; false if another process won. */
function publish(file: string, text: string): boolean {
  const candidate = `${file}.${process.pid}.${randomBase62(8)}.tmp`;
  const fd = openSync(candidate, "wx", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(candidate, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(candidate);
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
