import type { AuditActor } from "@/lib/audit/record-audit";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importStatement } from "./import-statement";
import { statementImportSlots, type ImportSlots } from "./import-slots";
import { spoolStatementUpload } from "./spool-statement-upload";
import { refusedReport, type StatementImportReport } from "./statement-import-report";

export interface ReceiveStatementUploadOptions {
  request: Request;
  accountId: string;
  fileName: string;
  actor: AuditActor;
  ip: string | null;
  now: Date;
  /** The process's import slots (STATEMENT_CONCURRENT_IMPORTS); tests pass their own. */
  slots?: ImportSlots;
  /** How long the body may send nothing before the upload is dropped (tests shorten it). */
  idleTimeoutMs?: number;
}

/** The header the statements page sends: a page on another site cannot add it without a CORS preflight, which nothing here answers. */
export const STATEMENT_UPLOAD_HEADER = "x-malipo-upload";

/**
 * POST /api/statements behind the session check: the request's own checks (sent by our page, a
 * named account, within the size limit, not empty, a free import slot), then the import. Every answer carries a
 * report, refusals included, so the page shows one thing whatever happened; nothing is thrown for
 * bad input.
 */
export async function receiveStatementUpload(db: PrismaClient, env: Env, options: ReceiveStatementUploadOptions): Promise<{ status: number; report: StatementImportReport; retryAfterSeconds?: number }> {
  const fileName = cleanFileName(options.fileName);
  const refuse = (status: number, message: string, bytes = 0) => ({ status, report: refusedReport(fileName, bytes, message) });
  const { request } = options;
  const site = request.headers.get("sec-fetch-site");
  if (request.headers.get(STATEMENT_UPLOAD_HEADER) !== "statement" || (site !== null && site !== "same-origin")) {
    return refuse(403, "Upload statements from the Statements page of this dashboard.");
  }
  if (!/^[A-Za-z0-9_]{1,64}$/.test(options.accountId)) return refuse(422, "Choose the collection account the statement belongs to.");
  const maxBytes = env.statements.maxBytes;
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return refuse(413, tooLarge(maxBytes), declared);

  const release = (options.slots ?? statementImportSlots(env.statements.concurrentImports)).tryTake();
  if (!release) {
    return { ...refuse(429, "Other statements are being imported right now. Nothing was read; upload it again in a moment."), retryAfterSeconds: 5 };
  }
  try {
    return await spoolAndImport(db, env, options, fileName, refuse);
  } finally {
    release();
  }
}

async function spoolAndImport(
  db: PrismaClient, env: Env, options: ReceiveStatementUploadOptions, fileName: string,
  refuse: (status: number, message: string, bytes?: number) => { status: number; report: StatementImportReport },
): Promise<{ status: number; report: StatementImportReport }> {
  const maxBytes = env.statements.maxBytes;
  let spooled;
  try {
    spooled = await spoolStatementUpload(options.request.body, { maxBytes, idleTimeoutMs: options.idleTimeoutMs });
  } catch {
    return refuse(400, "The upload was interrupted before the whole file arrived. Nothing was read; upload it again.");
  }
  if (!spooled.ok) {
    return spooled.problem === "too_large" ? refuse(413, tooLarge(maxBytes), spooled.bytes) : refuse(422, "The file is empty. Nothing was read.");
  }
  try {
    const report = await importStatement(db, env, { accountId: options.accountId, fileName, file: spooled, actor: options.actor, ip: options.ip, now: options.now });
    const status = report.outcome === "imported" ? 201 : report.outcome === "already_imported" ? 200 : 422;
    return { status, report };
  } finally {
    await spooled.discard();
  }
}

function tooLarge(maxBytes: number): string {
  return `The file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB, the most a statement upload may be. Nothing was read; export a shorter period.`;
}

/** The base name only, printable, at most 200 characters: it is shown and stored, never used as a path. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return printable === "" ? "statement.csv" : printable;
}
