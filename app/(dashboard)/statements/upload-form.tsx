"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { StatementReport } from "@/components/statements/statement-report";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { StatementImportReport } from "@/lib/statements/statement-import-report";

interface AccountOption { id: string; label: string }

/**
 * Sends the chosen file as the request body (not a form post: the route streams it to disk as it
 * arrives) and shows the report whatever the answer was.
 */
export function StatementUploadForm({ accounts }: { accounts: AccountOption[] }) {
  const router = useRouter();
  const [report, setReport] = useState<StatementImportReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    if (!(file instanceof File) || file.name === "") return setProblem("Choose the statement file to upload.");
    setPending(true);
    setProblem(null);
    setReport(null);
    try {
      const query = new URLSearchParams({ accountId: String(data.get("accountId") ?? ""), fileName: file.name });
      const res = await fetch(`/api/statements?${query}`, { method: "POST", body: file, headers: { "x-malipo-upload": "statement", "Content-Type": "text/csv" } });
      const body = (await res.json().catch(() => null)) as { report?: StatementImportReport; error?: { message: string } } | null;
      if (body?.report) setReport(body.report);
      else setProblem(body?.error?.message ?? `The upload failed (HTTP ${res.status}). Nothing was recorded; try again.`);
      router.refresh();
    } catch {
      setProblem("The upload did not reach the server. Nothing was recorded; try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4" data-testid="statement-upload">
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" data-testid="statement-upload-form">
        <div>
          <label htmlFor="statement-account" className={labelClass}>Collection account</label>
          <select id="statement-account" name="accountId" required className={`${inputClass} mt-1`}>
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="statement-file" className={labelClass}>Statement (CSV from the M-Pesa org portal)</label>
          <input id="statement-file" name="file" type="file" accept=".csv,text/csv" required className={`${inputClass} mt-1`} />
        </div>
        <button type="submit" className={buttonClass.primary} disabled={pending || accounts.length === 0}>{pending ? "Reading…" : "Upload and import"}</button>
      </form>
      {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
      {report ? <StatementReport report={report} live /> : null}
    </div>
  );
}
