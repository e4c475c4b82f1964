import { existsSync } from "node:fs";
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AdmittedCallback } from "@/lib/callbacks/store-admitted-callback";
import { appendToSpool } from "@/lib/callbacks/spool/append-to-spool";
import { listSpool, QUARANTINE_DIR, readSpool, STALE_TEMP_MS } from "@/lib/callbacks/spool/read-spool";
import { serializeSpoolEntry, spoolFileName } from "@/lib/callbacks/spool/spool-entry";

const callback = (n: number, receivedAt = new Date(Date.UTC(2026, 10, 29, 8, 0, n))): AdmittedCallback => ({
  kind: "STK",
  spoolId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  receivedAt,
  token: `pay_test${n}.sig`,
  body: JSON.stringify({ Body: { stkCallback: { ResultCode: 0, n } } }),
  headers: { "content-type": "application/json" },
  sourceIp: "196.201.214.200",
  ipAllowed: true,
  tokenValid: true,
});

// FileHandle is not exported; its prototype is reachable through any open handle.
async function fileHandlePrototype(dir: string) {
  const handle = await open(dir, "r");
  const proto = Object.getPrototypeOf(handle) as { sync: () => Promise<void> };
  await handle.close();
  return proto;
}

describe("the callback spool on disk", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "malipo-spool-"));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it("fsyncs the entry, then gives it its final name, then fsyncs the folder, before resolving", async () => {
    const entry = callback(1);
    const finalPath = path.join(dir, spoolFileName(entry));
    const proto = await fileHandlePrototype(dir);
    const original = proto.sync;
    const seen: { finalExists: boolean; tempExists: boolean }[] = [];
    vi.spyOn(proto, "sync").mockImplementation(function (this: unknown) {
      seen.push({ finalExists: existsSync(finalPath), tempExists: existsSync(`${finalPath}.tmp`) });
      return original.call(this);
    });
    expect(await appendToSpool(dir, entry)).toBe(finalPath);
    // First the file's data (still under its temporary name), then the folder holding its new name.
    expect(seen).toEqual([{ finalExists: false, tempExists: true }, { finalExists: true, tempExists: false }]);
    expect(await readFile(finalPath, "utf8")).toBe(serializeSpoolEntry(entry));
    expect((await stat(finalPath)).mode & 0o777).toBe(0o600);
  });

  it("makes a new spool folder's own name durable too", async () => {
    const nested = path.join(dir, "a", "b");
    const proto = await fileHandlePrototype(dir);
    const sync = vi.spyOn(proto, "sync");
    await appendToSpool(nested, callback(1));
    // dir (holds a), a (holds b), then the entry, then b (holds the entry).
    expect(sync).toHaveBeenCalledTimes(4);
    expect((await stat(nested)).mode & 0o777).toBe(0o700);
  });

  it("fails without leaving a half-written file when the data cannot be made durable", async () => {
    const proto = await fileHandlePrototype(dir);
    vi.spyOn(proto, "sync").mockRejectedValueOnce(Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" }));
    await expect(appendToSpool(dir, callback(1))).rejects.toThrow(/EIO/);
    expect(await readdir(dir)).toEqual([]);
  });

  it("reads entries back oldest first, whatever order they were written in", async () => {
    for (const n of [3, 1, 2]) await appendToSpool(dir, callback(n));
    const entries = await readSpool(dir, { limit: 10 });
    expect(entries.map((e) => e.callback)).toEqual([callback(1), callback(2), callback(3)]);
    expect((await readSpool(dir, { limit: 2 })).map((e) => e.callback.spoolId)).toEqual([callback(1).spoolId, callback(2).spoolId]);
  });

  it("quarantines a torn entry and damaged files instead of stopping at them", async () => {
    await appendToSpool(dir, callback(1));
    const whole = serializeSpoolEntry(callback(2));
    // A crash mid-write on a filesystem that did not honour the rename order: the entry's first half.
    await writeFile(path.join(dir, spoolFileName(callback(2))), whole.slice(0, whole.length / 2));
    await writeFile(path.join(dir, spoolFileName(callback(3))), "");
    await writeFile(path.join(dir, spoolFileName(callback(4))), JSON.stringify({ v: 99, spoolId: "x" }));
    await appendToSpool(dir, callback(5));

    const entries = await readSpool(dir, { limit: 10 });
    expect(entries.map((e) => e.callback.spoolId)).toEqual([callback(1).spoolId, callback(5).spoolId]);
    expect((await readdir(path.join(dir, QUARANTINE_DIR))).sort()).toEqual([2, 3, 4].map((n) => spoolFileName(callback(n))));
    expect(await readFile(path.join(dir, QUARANTINE_DIR, spoolFileName(callback(2))), "utf8")).toBe(whole.slice(0, whole.length / 2));
  });

  it("recovers an entry whose writer died before the rename, once no writer can still be at it", async () => {
    const orphan = callback(7);
    const temp = path.join(dir, `${spoolFileName(orphan)}.tmp`);
    await writeFile(temp, serializeSpoolEntry(orphan));
    await writeFile(path.join(dir, "notes.txt"), "not ours");
    await mkdir(path.join(dir, QUARANTINE_DIR));
    // A fresh temporary file may be a write in progress: left alone.
    expect(await listSpool(dir)).toEqual([]);
    const old = new Date(Date.now() - STALE_TEMP_MS - 1000);
    await utimes(temp, old, old);
    expect(await listSpool(dir)).toEqual([path.basename(temp)]);
    expect((await readSpool(dir, { limit: 10 })).map((e) => [path.basename(e.file), e.callback])).toEqual([[path.basename(temp), orphan]]);
  });

  it("reads a spool folder that does not exist yet as empty", async () => {
    expect(await readSpool(path.join(dir, "never-created"), { limit: 10 })).toEqual([]);
  });
});
