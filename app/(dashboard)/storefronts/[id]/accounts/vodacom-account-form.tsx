import { ActionForm } from "@/components/ui/action-form";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { saveVodacomAccountAction } from "@/lib/actions/collection-accounts";
import type { CollectionAccountView } from "@/lib/collection-accounts/find-collection-accounts";
import { VODACOM_ENVIRONMENT_LABELS, type VodacomAccountEnvironment } from "@/lib/collection-accounts/vodacom-account-settings";
import { VODACOM_MARKETS, type VodacomMarketCode } from "@/lib/rails/vodacom/markets";

interface VodacomAccountFormProps {
  storefrontId: string;
  environments: Record<"TEST" | "LIVE", VodacomAccountEnvironment[]>;
  /** Editing: the account as it is; secrets are never filled in (empty keeps the stored ones). */
  account?: CollectionAccountView;
}

/** Add or edit a Vodacom M-Pesa OpenAPI account: market and environment, service provider code, the two secrets, why. */
export function VodacomAccountForm({ storefrontId, environments, account }: VodacomAccountFormProps) {
  const p = account ? `vodacom-${account.id}` : `new-vodacom-${storefrontId}`;
  const field = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div><label htmlFor={`${p}-${name}`} className={labelClass}>{label}</label><input id={`${p}-${name}`} name={name} className={`${inputClass} mt-1`} {...props} /></div>
  );
  const offered = [...new Set([...environments.TEST, ...environments.LIVE])];
  const v = account?.vodacom;
  return (
    <ActionForm action={saveVodacomAccountAction} submitLabel={account ? "Save account" : "Add Vodacom account"} className="space-y-3" testId={account ? "edit-vodacom-account-form" : "add-vodacom-account-form"}>
      <input type="hidden" name="storefrontId" value={storefrontId} />
      {account ? <><input type="hidden" name="accountId" value={account.id} /><input type="hidden" name="mode" value={account.mode} /><input type="hidden" name="market" value={v?.market ?? "TZN"} /></> : (
        <>
          <div>
            <label htmlFor={`${p}-mode`} className={labelClass}>Mode</label>
            <select id={`${p}-mode`} name="mode" defaultValue="TEST" className={`${inputClass} mt-1`}><option value="TEST">Test</option><option value="LIVE">Live (real money)</option></select>
          </div>
          <div>
            <label htmlFor={`${p}-market`} className={labelClass}>Market (decides the currency and phone numbers)</label>
            <select id={`${p}-market`} name="market" defaultValue="TZN" className={`${inputClass} mt-1`}>
              {(Object.keys(VODACOM_MARKETS) as VodacomMarketCode[]).map((m) => <option key={m} value={m}>{VODACOM_MARKETS[m].name} ({VODACOM_MARKETS[m].currency})</option>)}
            </select>
          </div>
        </>
      )}
      {field("name", "Name", { required: true, maxLength: 80, defaultValue: account?.name, placeholder: "e.g. Dar es Salaam shop" })}
      <div>
        <label htmlFor={`${p}-environment`} className={labelClass}>Environment</label>
        <select id={`${p}-environment`} name="environment" defaultValue={v?.environment ?? offered[0]} className={`${inputClass} mt-1`}>
          {offered.map((e) => <option key={e} value={e}>{VODACOM_ENVIRONMENT_LABELS[e]}</option>)}
        </select>
        <p className="mt-1 text-xs text-slate-600">Live accounts: {environments.LIVE.map((e) => VODACOM_ENVIRONMENT_LABELS[e]).join(", ") || "none on this gateway"}.</p>
      </div>
      {field("serviceProviderCode", "Service provider code (the sandbox's is 000000)", { required: true, pattern: "[0-9A-Za-z]{4,12}", defaultValue: v?.serviceProviderCode })}
      {account ? <p className="text-xs text-slate-600">Leave a secret empty to keep the stored one.</p> : null}
      {field("apiKey", "API key", { type: "password", required: !account, autoComplete: "new-password", placeholder: account?.keyHint ? `stored, ends …${account.keyHint}` : undefined })}
      <div>
        <label htmlFor={`${p}-publicKey`} className={labelClass}>Public key (as the portal shows it; the simulator&apos;s is read from it)</label>
        <textarea id={`${p}-publicKey`} name="publicKey" rows={3} maxLength={4000} autoComplete="off" spellCheck={false} className={`${inputClass} mt-1 font-mono text-xs`} />
      </div>
      {account?.isDefault ? null : (
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="makeDefault" id={`${p}-default`} /> Make it the default Vodacom account of its mode</label>
      )}
      <ReasonField id={`${p}-reason`} />
    </ActionForm>
  );
}
