import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatementReport } from "@/components/statements/statement-report";
import { requireUser } from "@/lib/auth/guards";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { getDb } from "@/lib/db/client";
import { dbModeOf } from "@/lib/payments/public-payment";
import { findStatementAccounts, findStatementImports } from "@/lib/statements/find-statement-imports";
import { StatementUploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Statements" };

export default async function StatementsPage() {
  await requireUser("/statements");
  const mode = dbModeOf(await getDashboardMode());
  const [accounts, imports] = await Promise.all([findStatementAccounts(getDb(), { mode }), findStatementImports(getDb(), { mode })]);
  return (
    <>
      <PageHeader title="Statements" testId="statements-title"
        description="Upload the Utility Account statement exported from the M-Pesa org portal (CSV). Every customer line is added to M-Pesa's ledger of its account; charges and transfers between your own accounts are skipped; an unreadable line is listed with its number and never recorded. The same file uploaded again changes nothing." />
      <div className="space-y-6">
        <Card title="Import a statement">
          {accounts.length === 0 ? <p className="text-sm text-slate-600">This mode has no collection account yet.</p> : <StatementUploadForm accounts={accounts} />}
        </Card>
        <Card title="Imported statements">
          {imports.length === 0 ? <EmptyState title="No statement imported yet" /> : (
            <ul className="divide-y divide-slate-200" data-testid="statement-imports">
              {imports.map((i) => (
                <li key={i.id} className="py-3">
                  <details>
                    <summary className="cursor-pointer text-sm">
                      <span className="font-medium">#{i.id} {i.fileName}</span> · {i.collectionAccount.name} · <DateTime value={i.createdAt} relative={false} /> by {i.uploadedByEmail} ·{" "}
                      {i.recordedCount} recorded, {i.rejectedCount} rejected · {i.complete ? "complete" : "partial"}
                    </summary>
                    <div className="mt-2"><StatementReport report={i.report} /></div>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
