import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { registerPullAction } from "@/lib/actions/ledger-pull";
import type { CollectionAccountView } from "@/lib/collection-accounts/find-collection-accounts";
import type { PullStateView } from "@/lib/ledger/pull/find-pull-states";
import { maskPhone } from "@/lib/logger";

/** Pull Transactions of one account: its registration (once in production), and what the worker's pulls got. */
export function PullSection({ account: a, state }: { account: CollectionAccountView; state: PullStateView | undefined }) {
  const production = a.daraja?.environment === "production";
  const failing = state?.failing ?? [];
  return (
    <details data-testid="pull-section" open={failing.length > 0 || undefined}>
      <summary className="cursor-pointer text-sm text-emerald-800">
        Pull Transactions (M-Pesa&apos;s own list of payments to this shortcode)… {failing.length ? <Badge tone="red">{failing.length} failing</Badge> : null}
      </summary>
      <div className="mt-2 space-y-2">
        <p data-testid="pull-registered">
          {a.pullRegisteredAt
            ? <>Registered <DateTime value={a.pullRegisteredAt} /> by {a.pullRegisteredBy}{a.pullNominatedNumber ? <> (nominated number {maskPhone(a.pullNominatedNumber)})</> : null}.</>
            : "Not registered: the worker does not pull this account."}
        </p>
        {state?.lastComplete ? (
          <p data-testid="pull-last-complete">Last complete window <DateTime value={state.lastComplete.fromTime} /> – <DateTime value={state.lastComplete.toTime} />: {state.lastComplete.lines} lines ({state.lastComplete.newLines} new).</p>
        ) : a.pullRegisteredAt ? <p data-testid="pull-last-complete">No window completed yet.</p> : null}
        {failing.length ? (
          <ul className="space-y-1 text-red-800" data-testid="pull-failing">
            {failing.map((w) => (
              <li key={w.id}><DateTime value={w.fromTime} /> – <DateTime value={w.toTime} />: failed {w.attempts}×, asked again <DateTime value={w.nextAttemptAt} />. {w.error}</li>
            ))}
          </ul>
        ) : null}
        {state?.unreachable ? <p className="text-red-800" data-testid="pull-unreachable">{state.unreachable} stretch{state.unreachable === 1 ? "" : "es"} fell out of Pull&apos;s 48-hour reach unread: import the statement for {state.unreachable === 1 ? "it" : "them"}.</p> : null}
        <p className="text-xs text-slate-600">
          {production
            ? "Production registers once per shortcode (usually only the head-office shortcode can); a later registration answers \"already registered\", which is fine."
            : "The simulator and the sandbox accept a registration again and again."}
          {" "}The nominated number is the Safaricom number on the shortcode&apos;s KYC (org portal, Organization → Details).
        </p>
        <ActionForm action={registerPullAction} submitLabel={a.pullRegisteredAt ? "Register again" : "Register for Pull Transactions"} pendingLabel="Calling Daraja…" tone="secondary" className="space-y-2" testId="register-pull-form">
          <input type="hidden" name="storefrontId" value={a.storefrontId} />
          <input type="hidden" name="accountId" value={a.id} />
          <div>
            <label htmlFor={`pull-number-${a.id}`} className={labelClass}>Nominated number (2547…; empty: {a.pullNominatedNumber ? "the one nominated before" : "LEDGER_PULL_NOMINATED_NUMBER"})</label>
            <input id={`pull-number-${a.id}`} name="nominatedNumber" inputMode="numeric" pattern="254[17][0-9]{8}" maxLength={12} placeholder="2547XXXXXXXX" className={`${inputClass} mt-1 font-mono`} />
          </div>
          <ReasonField id={`pull-${a.id}`} />
        </ActionForm>
      </div>
    </details>
  );
}
