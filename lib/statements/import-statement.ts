import { createReadStream } from "node:fs";
import { receiptOrder } from "@/lib/ledger/receipt-order";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { toView } from "@/lib/collection-accounts/find-collection-accounts";
import type { Env } from "@/lib/env";
import { Prisma, type CollectionAccount, type PrismaClient } from "@/lib/generated/prisma/client";
import { recordLedgerLine } from "@/lib/ledger/record-ledger-line";
import { ledgerLineFromStatement, type LedgerLine } from "@/lib/rails/daraja/ledger-line";
import { parseStatement, type LineIssue } from "@/lib/rails/daraja/statement/parse-statement";
import type { StatementLine } from "@/lib/rails/daraja/statement/statement-line";
import { describeCoverage } from "./statement-coverage";
import { alreadyImportedReport } from "./already-imported-report";
import { emptyCounts, importMessage, refusedReport, type StatementDisagreement, type StatementImportReport } from "./statement-import-report";

export interface ImportStatementOptions {
  accountId: string;
  fileName: string;
  /** The spooled upload (spool-statement-upload.ts). */
  file: { path: string; sha256: string; bytes: number };
  actor: AuditActor;
  ip?: string | null;
  now: Date;
}

// Lines recorded per transaction: short transactions, so callbacks touching the same receipts never wait long.
const BATCH = 200;
const KEEP_ISSUES = 200;

/**
 * Reads an uploaded org portal statement into the ledger for one collection account. Two passes
 * over the spooled file: the first only validates (a file that is not a statement, has the wrong
 * columns or names another shortcode is refused before anything is written), the second records
 * every readable customer line through recordLedgerLine, in short batches. The import row, the
 * coverage of the statement's period (only when no line was rejected and the totals add up) and
 * the audit row commit together at the end; the same file for the same account (by SHA-256) is
 * answered from its first import and changes nothing. A run that dies midway leaves lines that a
 * later upload of the file finds already known, since every source only adds what it knows.
 */
export async function importStatement(db: PrismaClient, env: Env, options: ImportStatementOptions): Promise<StatementImportReport> {
  const { fileName, file, now } = options;
  const refuse = (message: string) => refusedReport(fileName, file.bytes, message, file.sha256);
  const account = await db.collectionAccount.findUnique({ where: { id: options.accountId } });
  if (!account) return refuse(`Collection account ${options.accountId} does not exist.`);
  const shortcode = toView(env, account).daraja?.shortcode ?? null;
  if (!shortcode) return refuse(`Collection account "${account.name}" has no shortcode configured, so its statement cannot be matched to it.`);

  const earlier = await db.statementImport.findUnique({ where: { collectionAccountId_sha256: { collectionAccountId: account.id, sha256: file.sha256 } } });
  if (earlier) return alreadyImportedReport(earlier, fileName);

  // Pass 1: read everything, write nothing.
  const wrongCurrency: LineIssue[] = [];
  const wrongCurrencyLines = new Set<number>();
  const checked = await parseStatement(createReadStream(file.path), {
    fileName, maxIssuesKept: KEEP_ISSUES,
    onLine: (line) => {
      if (!currencyProblem(line, account)) return;
      wrongCurrencyLines.add(line.lineNumber);
      if (wrongCurrency.length < KEEP_ISSUES) wrongCurrency.push({ lineNumber: line.lineNumber, reason: currencyProblem(line, account)!, excerpt: line.receipt });
    },
  });
  if (!checked.ok) return refuse(`Not read: ${checked.error}. Nothing was recorded.`);
  const stated = checked.header.shortCode;
  if (stated && stated !== shortcode) {
    return refuse(`This statement is for shortcode ${stated}, but account "${account.name}" is shortcode ${shortcode}. Nothing was recorded.`);
  }

  // Pass 2: record the customer lines.
  const counts = emptyCounts();
  counts.flagged = checked.flagged;
  counts.rejected = checked.rejected + wrongCurrencyLines.size;
  const disagreements: StatementDisagreement[] = [];
  let batch: { line: LedgerLine; lineNumber: number }[] = [];
  const flush = async () => {
    // In receipt order, as every batch writer of ledger lines goes (the pull too): two batches that
    // share receipts then queue on each other instead of deadlocking.
    const pending = batch.sort((a, b) => receiptOrder(a.line.receipt, b.line.receipt));
    batch = [];
    await db.$transaction(async (tx) => {
      for (const { line, lineNumber } of pending) {
        const saved = await recordLedgerLine(tx, { collectionAccountId: account.id, mode: account.mode, currency: account.currency, line }, now);
        if (saved.created) counts.recorded += 1;
        else if (saved.changed) counts.updated += 1;
        else counts.alreadyKnown += 1;
        if (!saved.created && saved.changed && saved.disagreement?.startsWith("statement ")) {
          counts.disagreements += 1;
          if (disagreements.length < KEEP_ISSUES) disagreements.push({ lineNumber, receipt: line.receipt, disagreement: saved.disagreement });
        }
      }
    }, { timeout: 60_000 });
  };
  await parseStatement(createReadStream(file.path), {
    fileName, maxIssuesKept: 0,
    onLine: (statementLine) => {
      if (wrongCurrencyLines.has(statementLine.lineNumber)) return;
      counts.read += 1;
      const line = ledgerLineFromStatement(statementLine, shortcode);
      if (!line) {
        if (statementLine.kind === "charge") counts.skippedCharges += 1;
        else if (statementLine.kind === "internal_transfer") counts.skippedInternal += 1;
        else counts.skippedOther += 1;
        return;
      }
      batch.push({ line, lineNumber: statementLine.lineNumber });
      return batch.length >= BATCH ? flush() : undefined;
    },
  });
  if (batch.length > 0) await flush();

  const coverage = describeCoverage(checked, counts.rejected);
  const warnings: string[] = [];
  if (!stated) warnings.push(`The statement names no shortcode; it was read as account "${account.name}" (${shortcode}).`);
  if (checked.unknownColumns.length > 0) warnings.push(`Columns not used: ${checked.unknownColumns.join(", ")}.`);
  const report: StatementImportReport = {
    outcome: "imported", message: importMessage(counts, coverage.recorded), importId: null, fileName, bytes: file.bytes, sha256: file.sha256,
    layout: checked.layout, shortCode: stated ?? shortcode, periodFrom: checked.header.periodFrom?.toISOString() ?? null,
    periodTo: checked.header.periodTo?.toISOString() ?? null, counts,
    rejections: [...checked.rejections, ...wrongCurrency].sort((a, b) => a.lineNumber - b.lineNumber).slice(0, KEEP_ISSUES),
    flags: checked.flags, disagreements, checks: checked.checks, coverage, warnings,
  };

  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.statementImport.create({
        data: {
          collectionAccountId: account.id, mode: account.mode, sha256: file.sha256, fileName, byteCount: file.bytes, layout: checked.layout,
          periodFrom: checked.header.periodFrom, periodTo: checked.header.periodTo, linesRead: counts.read, recordedCount: counts.recorded,
          updatedCount: counts.updated, alreadyKnownCount: counts.alreadyKnown, disagreementCount: counts.disagreements,
          skippedCount: counts.skippedCharges + counts.skippedInternal + counts.skippedOther, rejectedCount: counts.rejected,
          complete: coverage.recorded, report: {}, uploadedById: options.actor.id, uploadedByEmail: options.actor.email, createdAt: now,
        },
      });
      const importId = String(row.id);
      const saved: StatementImportReport = { ...report, importId };
      await tx.statementImport.update({ where: { id: row.id }, data: { report: saved as unknown as Prisma.InputJsonValue } });
      if (coverage.recorded) {
        await tx.ledgerCoverage.create({
          data: { collectionAccountId: account.id, source: "statement", fromTime: checked.header.periodFrom!, toTime: checked.header.periodTo!, reference: importId, createdAt: now },
        });
      }
      await recordAudit(tx, {
        actor: options.actor, action: "statement.import", entityType: "statement_import", entityId: importId, ip: options.ip ?? null,
        after: { collectionAccountId: account.id, fileName, sha256: file.sha256, counts, complete: coverage.recorded, periodFrom: report.periodFrom, periodTo: report.periodTo },
      });
      return saved;
    });
  } catch (error) {
    // The same file uploaded twice at once: the other upload stored it first, and this one's lines were all known to it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const first = await db.statementImport.findUniqueOrThrow({ where: { collectionAccountId_sha256: { collectionAccountId: account.id, sha256: file.sha256 } } });
      return alreadyImportedReport(first, fileName);
    }
    throw error;
  }
}

function currencyProblem(line: StatementLine, account: Pick<CollectionAccount, "currency">): string | null {
  if (line.currency === null || line.currency.toUpperCase() === account.currency.toUpperCase()) return null;
  return `Currency ${JSON.stringify(line.currency.slice(0, 10))} is not the account's currency ${account.currency}`;
}
