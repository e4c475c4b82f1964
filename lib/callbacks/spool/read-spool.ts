import { mkdir, readdir, readFile, rename, stat } from "node:fs/promises";
import path from "node:path";
import type { AdmittedCallback } from "@/lib/callbacks/store-admitted-callback";
import { createLogger } from "@/lib/logger";
import { parseSpoolEntry, SPOOL_FILE_SUFFIX, SPOOL_TEMP_SUFFIX } from "@/lib/callbacks/spool/spool-entry";

/** Where entries that can never be stored are moved, for a person to look at; never deleted. */
export const QUARANTINE_DIR = "quarantine";
/**
 * A temporary file this old belongs to a write that never finished (the process died between write
 * and rename): it is read like an entry, since a complete one is a callback nobody else has.
 */
export const STALE_TEMP_MS = 60_000;

export interface SpooledCallback {
  file: string;
  callback: AdmittedCallback;
}

export interface ReadSpoolOptions {
  /** At most this many entries, oldest first. */
  limit: number;
  now?: number;
}

const log = createLogger("spool");

/**
 * The oldest entries of the spool. A file that does not hold a complete entry (torn by a crash,
 * damaged) is moved to the quarantine folder with a loud log line and never blocks the rest.
 */
export async function readSpool(dir: string, { limit, now = Date.now() }: ReadSpoolOptions): Promise<SpooledCallback[]> {
  const names = await listSpool(dir, now);
  const entries: SpooledCallback[] = [];
  for (const name of names) {
    if (entries.length >= limit) break;
    const file = path.join(dir, name);
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      // Drained and removed by another process since the listing.
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (text === null) continue;
    const parsed = parseSpoolEntry(text);
    if (parsed.ok) entries.push({ file, callback: parsed.callback });
    else await quarantineSpoolFile(file, parsed.reason);
  }
  return entries;
}

/** Entry names in arrival order: finished entries, and temporary files abandoned by a dead writer. */
export async function listSpool(dir: string, now = Date.now()): Promise<string[]> {
  const all = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const names: string[] = [];
  for (const entry of all) {
    if (!entry.isFile()) continue;
    if (entry.name.endsWith(SPOOL_FILE_SUFFIX)) names.push(entry.name);
    else if (entry.name.endsWith(SPOOL_TEMP_SUFFIX) && (await isStale(path.join(dir, entry.name), now))) names.push(entry.name);
  }
  return names.sort();
}

export async function quarantineSpoolFile(file: string, reason: string): Promise<void> {
  const target = path.join(path.dirname(file), QUARANTINE_DIR);
  await mkdir(target, { recursive: true, mode: 0o700 });
  await rename(file, path.join(target, path.basename(file))).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  log.error({ file: path.basename(file), quarantine: target, reason }, "spool entry cannot be stored: moved to quarantine for a person to inspect");
}

async function isStale(file: string, now: number): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  return info !== null && now - info.mtimeMs > STALE_TEMP_MS;
}
