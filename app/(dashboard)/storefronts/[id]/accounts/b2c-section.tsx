import { ActionForm } from "@/components/ui/action-form";
import { DateTime } from "@/components/ui/date-time";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { saveB2cShortcodeAction } from "@/lib/actions/b2c-shortcode";
import type { CollectionAccountView } from "@/lib/collection-accounts/find-collection-accounts";

/** The B2C shortcode partial refunds are paid from, for one account: whole refunds go by Reversal without it. */
export function B2cSection({ account: a }: { account: CollectionAccountView }) {
  return (
    <details data-testid="b2c-section">
      <summary className="cursor-pointer text-sm text-emerald-800">B2C (partial refunds)…</summary>
      <div className="mt-2 space-y-2">
        <p data-testid="b2c-configured">
          {a.b2c.shortcode
            ? <>Partial refunds are paid by B2C from <span className="font-mono">{a.b2c.shortcode}</span>{a.b2c.updatedAt ? <>, set <DateTime value={a.b2c.updatedAt} /> by {a.b2c.updatedBy}</> : null}.</>
            : "No B2C shortcode: refunds from this account are whole, by Reversal."}
        </p>
        {a.source === "ENVIRONMENT" ? (
          <p className="text-xs text-slate-600">This account is the environment&apos;s: set DARAJA_{a.mode}_B2C_SHORTCODE and restart.</p>
        ) : (
          <ActionForm action={saveB2cShortcodeAction} submitLabel="Save B2C shortcode" tone="secondary" className="space-y-2" testId="b2c-form">
            <input type="hidden" name="storefrontId" value={a.storefrontId} />
            <input type="hidden" name="accountId" value={a.id} />
            <div>
              <label htmlFor={`b2c-shortcode-${a.id}`} className={labelClass}>B2C shortcode (empty: none)</label>
              <input id={`b2c-shortcode-${a.id}`} name="b2cShortcode" inputMode="numeric" pattern="\d{5,7}" maxLength={7} defaultValue={a.b2c.shortcode ?? ""} autoComplete="off" className={`${inputClass} mt-1 font-mono`} />
            </div>
            <ReasonField id={`b2c-${a.id}`} />
          </ActionForm>
        )}
        <p className="text-xs text-slate-600">
          B2C is paid as this account&apos;s initiator: the operator needs the B2C role on that shortcode, and its Utility account the money.
        </p>
      </div>
    </details>
  );
}
