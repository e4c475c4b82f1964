import { ActionForm } from "@/components/ui/action-form";
import { DateTime } from "@/components/ui/date-time";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { saveInitiatorAction } from "@/lib/actions/initiator";
import type { CollectionAccountView } from "@/lib/collection-accounts/find-collection-accounts";

/** The API operator ("initiator") Transaction Status lookups are asked as, for one account. */
export function InitiatorSection({ account: a }: { account: CollectionAccountView }) {
  const simulator = a.daraja?.environment === "simulator";
  return (
    <details data-testid="initiator-section">
      <summary className="cursor-pointer text-sm text-emerald-800">Initiator (Transaction Status lookups)…</summary>
      <div className="mt-2 space-y-2">
        <p data-testid="initiator-configured">
          {a.initiator
            ? <>Asks as <span className="font-mono">{a.initiator.name}</span>{a.initiator.updatedAt ? <>, set <DateTime value={a.initiator.updatedAt} /> by {a.initiator.updatedBy}</> : null}.</>
            : "No initiator: receipts cannot be looked up at M-Pesa for this account."}
        </p>
        {a.source === "ENVIRONMENT" ? (
          <p className="text-xs text-slate-600">This account is the environment&apos;s: set DARAJA_{a.mode}_INITIATOR_NAME, _PASSWORD and _CERTIFICATE and restart.</p>
        ) : (
          <ActionForm action={saveInitiatorAction} submitLabel="Save initiator" tone="secondary" className="space-y-2" testId="initiator-form">
            <input type="hidden" name="storefrontId" value={a.storefrontId} />
            <input type="hidden" name="accountId" value={a.id} />
            <div>
              <label htmlFor={`initiator-name-${a.id}`} className={labelClass}>API operator username (org portal)</label>
              <input id={`initiator-name-${a.id}`} name="initiatorName" required maxLength={100} defaultValue={a.initiator?.name ?? ""} autoComplete="off" className={`${inputClass} mt-1 font-mono`} />
            </div>
            <div>
              <label htmlFor={`initiator-password-${a.id}`} className={labelClass}>Password{a.initiator ? " (empty: keep the stored one)" : ""}</label>
              <input id={`initiator-password-${a.id}`} name="initiatorPassword" type="password" required={!a.initiator} maxLength={200} autoComplete="new-password" className={`${inputClass} mt-1`} />
            </div>
            {simulator ? null : (
              <div>
                <label htmlFor={`initiator-certificate-${a.id}`} className={labelClass}>Safaricom&apos;s certificate for this environment (PEM){a.initiator ? " (empty: keep the stored one)" : ""}</label>
                <textarea id={`initiator-certificate-${a.id}`} name="certificate" rows={4} placeholder="-----BEGIN CERTIFICATE-----" className={`${inputClass} mt-1 font-mono text-xs`} />
              </div>
            )}
            <ReasonField id={`initiator-${a.id}`} />
          </ActionForm>
        )}
        <p className="text-xs text-slate-600">
          The operator needs the Transaction Status role on the org portal. Its password leaves Malipo only encrypted with Safaricom&apos;s certificate
          (the SecurityCredential); wrong passwords lock the operator after a few tries.{simulator ? " The simulator accepts the sandbox operator testapi / Safaricom999!*!." : ""}
        </p>
      </div>
    </details>
  );
}
