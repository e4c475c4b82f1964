import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { ReconciliationSearch } from "@/lib/reconciliation/reconciliation-search-params";

/** A plain GET form: the filters live in the URL, so a view can be bookmarked and shared. */
export function ReconciliationFilters({ search, accounts, action = "/reconciliation", status }: { search: ReconciliationSearch; accounts: { id: string; label: string }[]; action?: string; status?: string | null }) {
  return (
    <form method="get" action={action} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5 sm:items-end" data-testid="reconciliation-filters">
      {status ? <input type="hidden" name="status" value={status} /> : null}
      <div>
        <label htmlFor="rec-account" className={labelClass}>Account</label>
        <select id="rec-account" name="account" defaultValue={search.accountId ?? ""} className={`${inputClass} mt-1`}>
          <option value="">All accounts</option>
          {accounts.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="rec-mode" className={labelClass}>Mode</label>
        <select id="rec-mode" name="mode" defaultValue={search.mode} className={`${inputClass} mt-1`}>
          <option value="live">Live</option>
          <option value="test">Test</option>
        </select>
      </div>
      <div>
        <label htmlFor="rec-from" className={labelClass}>From (EAT)</label>
        <input id="rec-from" name="from" type="date" defaultValue={search.from} className={`${inputClass} mt-1`} />
      </div>
      <div>
        <label htmlFor="rec-to" className={labelClass}>To (EAT)</label>
        <input id="rec-to" name="to" type="date" defaultValue={search.to} className={`${inputClass} mt-1`} />
      </div>
      <button type="submit" className={buttonClass.primary}>Show</button>
    </form>
  );
}
