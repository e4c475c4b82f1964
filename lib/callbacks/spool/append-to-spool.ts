import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { AdmittedCallback } from "@/lib/callbacks/store-admitted-callback";
import { serializeSpoolEntry, spoolFileName, SPOOL_TEMP_SUFFIX } from "@/lib/callbacks/spool/spool-entry";

/**
 * Writes one callback to the spool so that it survives a crash or power loss the moment this
 * resolves: the entry is written to a temporary file and fsynced, renamed to its final name (atomic:
 * a reader sees the whole entry or nothing), and the directory is fsynced so the new name is on disk
 * too. Only then may the route answer 200. A file per entry lets any number of web processes share
 * one spool folder, each writing and draining, with no lock.
 */
export async function appendToSpool(dir: string, callback: AdmittedCallback): Promise<string> {
  await ensureDirectory(dir);
  const finalPath = path.join(dir, spoolFileName(callback));
  const tempPath = `${finalPath}${SPOOL_TEMP_SUFFIX}`;
  try {
    // 0600: bodies hold phone numbers, and the token is a capability to post for its payment.
    const file = await open(tempPath, "wx", 0o600);
    try {
      await file.writeFile(serializeSpoolEntry(callback));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tempPath, finalPath);
    await syncDirectory(dir);
  } catch (error) {
    // The caller answers 500 and logs the request: a half-written leftover would only be noise.
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
  return finalPath;
}

/** Creates the folder if needed, making each new level's name durable in its parent. */
async function ensureDirectory(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!firstCreated) return;
  for (let level = path.resolve(dir); ; level = path.dirname(level)) {
    await syncDirectory(path.dirname(level));
    if (level === path.resolve(firstCreated)) break;
  }
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
