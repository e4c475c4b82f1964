import type { StatementImport } from "@/lib/generated/prisma/client";
import { formatEat } from "@/lib/time/eat";
import type { StatementImportReport } from "./statement-import-report";

/** The answer to a file already read for this account: its first import's report, and that nothing changed. */
export function alreadyImportedReport(first: StatementImport, fileName: string): StatementImportReport {
  const stored = first.report as unknown as StatementImportReport;
  return {
    ...stored,
    outcome: "already_imported",
    importId: String(first.id),
    fileName,
    message: `This file was already imported for this account (import #${first.id}, ${formatEat(first.createdAt)} EAT by ${first.uploadedByEmail}). Nothing changed.`,
  };
}
