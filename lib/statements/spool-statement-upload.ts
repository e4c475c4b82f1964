import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";

/**
 * An uploaded statement written to a private temporary file while its SHA-256 and size are
 * counted. The file is read twice — once to hash it (is it a re-upload?), once to parse it — and
 * never sits in memory whole. Past `maxBytes` reading stops at once and the partial file is gone.
 */
export type SpooledUpload =
  | { ok: true; path: string; sha256: string; bytes: number; discard: () => Promise<void> }
  | { ok: false; problem: "too_large" | "empty"; bytes: number };

/** An upload that sends nothing for this long is dropped: it would hold an import slot for ever. */
export const UPLOAD_IDLE_TIMEOUT_MS = 30_000;

export class UploadStalledError extends Error {}

export async function spoolStatementUpload(
  body: ReadableStream<Uint8Array> | null,
  { maxBytes, idleTimeoutMs = UPLOAD_IDLE_TIMEOUT_MS }: { maxBytes: number; idleTimeoutMs?: number },
): Promise<SpooledUpload> {
  if (!body) return { ok: false, problem: "empty", bytes: 0 };
  const dir = await mkdtemp(join(tmpdir(), "malipo-statement-"));
  const discard = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, "upload.csv");
  const out = createWriteStream(path, { mode: 0o600 });
  const hash = createHash("sha256");
  const reader = body.getReader();
  // A write error (a full disk) can come while the loop waits on the request, not on the file: kept
  // here and thrown at the next step, never an unhandled 'error' event.
  let writeError: unknown = null;
  out.on("error", (error) => { writeError ??= error; });
  let bytes = 0;
  try {
    for (;;) {
      if (writeError) throw writeError;
      const { done, value } = await readWithin(reader, idleTimeoutMs);
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel().catch(() => undefined);
        out.destroy();
        await discard();
        return { ok: false, problem: "too_large", bytes };
      }
      hash.update(value);
      // Respect the disk's pace: wait for the buffer to drain rather than queue the whole body.
      if (!out.write(value)) await once(out, "drain");
    }
    if (writeError) throw writeError;
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    await discard();
    throw error;
  }
  if (bytes === 0) {
    await discard();
    return { ok: false, problem: "empty", bytes: 0 };
  }
  return { ok: true, path, sha256: hash.digest("hex"), bytes, discard };
}

/** The next chunk, or an UploadStalledError (the read cancelled) when none comes within `ms`. */
async function readWithin(reader: ReadableStreamDefaultReader<Uint8Array>, ms: number): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UploadStalledError(`no data for ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([reader.read(), stalled]);
  } catch (error) {
    if (error instanceof UploadStalledError) await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
