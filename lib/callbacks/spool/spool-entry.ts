import { z } from "zod";
import { CallbackKind } from "@/lib/generated/prisma/enums";
import type { AdmittedCallback } from "@/lib/callbacks/store-admitted-callback";

/**
 * One spooled callback request: a file of its own holding one JSON object, named so that a plain
 * sort lists the spool in order of arrival. The format is versioned; a file that does not parse as
 * a complete entry (torn by a crash, damaged) is never applied.
 */

export const SPOOL_FORMAT_VERSION = 1;
export const SPOOL_FILE_SUFFIX = ".json";
/** A file being written; renamed to its final name only once complete and on disk. */
export const SPOOL_TEMP_SUFFIX = ".tmp";

const entrySchema = z.strictObject({
  v: z.literal(SPOOL_FORMAT_VERSION),
  spoolId: z.uuid(),
  // Entries written before C2B confirmations shared the spool are STK callbacks.
  kind: z.enum(CallbackKind).default("STK"),
  receivedAt: z.iso.datetime(),
  token: z.string(),
  body: z.string(),
  headers: z.record(z.string(), z.string()),
  sourceIp: z.string(),
  ipAllowed: z.boolean(),
  tokenValid: z.boolean(),
});

export function serializeSpoolEntry(callback: AdmittedCallback): string {
  return `${JSON.stringify({ v: SPOOL_FORMAT_VERSION, ...callback, receivedAt: callback.receivedAt.toISOString() })}\n`;
}

export type ParsedSpoolEntry = { ok: true; callback: AdmittedCallback } | { ok: false; reason: string };

export function parseSpoolEntry(text: string): ParsedSpoolEntry {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `not a complete JSON object (${text.length} bytes; torn by a crash mid-write?)` };
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `not a spool entry: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  const { v: _version, ...callback } = parsed.data;
  return { ok: true, callback: { ...callback, receivedAt: new Date(callback.receivedAt) } };
}

/** `<arrival in ms, 15 digits>-<spool id>.json`: lexical order is arrival order. */
export function spoolFileName(callback: Pick<AdmittedCallback, "spoolId" | "receivedAt">): string {
  return `${String(callback.receivedAt.getTime()).padStart(15, "0")}-${callback.spoolId}${SPOOL_FILE_SUFFIX}`;
}
