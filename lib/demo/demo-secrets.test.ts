import { mkdtemp, readFile, rm, stat, writeFile, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadDemoSecrets } from "@/lib/demo/demo-secrets";

const dirs: string[] = [];
async function freshDir() {
  const dir = await mkdtemp(path.join(tmpdir(), "malipo-demo-secrets-"));
  dirs.push(dir);
  // A .data folder that does not exist yet, as on a fresh clone.
  return path.join(dir, "data", "demo");
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("demo secrets", () => {
  it("are made at first use, owner-only, and the same at every later use", async () => {
    const dir = await freshDir();
    const first = loadDemoSecrets(dir);
    expect(first.created).toBe(true);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    // Its parent (.data) keeps the usual mode: the embedded PostgreSQL's own user must reach its folder there.
    expect((await stat(path.dirname(dir))).mode & 0o077).not.toBe(0);
    const again = loadDemoSecrets(dir);
    expect(again).toMatchObject({ created: false, secrets: first.secrets });
  });

  it("differ between two installations", async () => {
    const [a, b] = [loadDemoSecrets(await freshDir()).secrets, loadDemoSecrets(await freshDir()).secrets];
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect(a[key]).not.toBe(b[key]);
  });

  it("tighten a file or folder that became readable by others", async () => {
    const dir = await freshDir();
    const { file } = loadDemoSecrets(dir);
    await chmod(file, 0o644);
    await chmod(dir, 0o755);
    loadDemoSecrets(dir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it("refuse a damaged file with a message that says what to do", async () => {
    const dir = await freshDir();
    const { file } = loadDemoSecrets(dir);
    await writeFile(file, "{not json");
    expect(() => loadDemoSecrets(dir)).toThrow(/not a valid demo secrets file; delete it/);
    expect(await readFile(file, "utf8")).toBe("{not json");
  });
});
