import { ActionForm } from "@/components/ui/action-form";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { saveCollectionAccountAction } from "@/lib/actions/collection-accounts";
import { DARAJA_ENVIRONMENT_LABELS, type DarajaEnvironment } from "@/lib/collection-accounts/daraja-account-settings";
import type { CollectionAccountView } from "@/lib/collection-accounts/find-collection-accounts";

interface AccountFormProps {
  storefrontId: string;
  environments: Record<"TEST" | "LIVE", DarajaEnvironment[]>;
  /** Editing: the account as it is; secrets are never filled in (empty keeps the stored ones). */
  account?: CollectionAccountView;
}

/** Add or edit a Daraja account: the settings, then the three secrets, then why. */
export function AccountForm({ storefrontId, environments, account }: AccountFormProps) {
  const p = account ? account.id : `new-${storefrontId}`;
  const field = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div><label htmlFor={`${p}-${name}`} className={labelClass}>{label}</label><input id={`${p}-${name}`} name={name} className={`${inputClass} mt-1`} {...props} /></div>
  );
  const offered = [...new Set([...environments.TEST, ...environments.LIVE])];
  const d = account?.daraja;
  return (
    <ActionForm action={saveCollectionAccountAction} submitLabel={account ? "Save account" : "Add account"} className="space-y-3" testId={account ? "edit-account-form" : "add-account-form"}>
      <input type="hidden" name="storefrontId" value={storefrontId} />
      {account ? <><input type="hidden" name="accountId" value={account.id} /><input type="hidden" name="mode" value={account.mode} /></> : (
        <div>
          <label htmlFor={`${p}-mode`} className={labelClass}>Mode</label>
          <select id={`${p}-mode`} name="mode" defaultValue="TEST" className={`${inputClass} mt-1`}><option value="TEST">Test</option><option value="LIVE">Live (real money)</option></select>
        </div>
      )}
      {field("name", "Name", { required: true, maxLength: 80, defaultValue: account?.name, placeholder: "e.g. Nairobi shop till" })}
      <div>
        <label htmlFor={`${p}-environment`} className={labelClass}>Environment</label>
        <select id={`${p}-environment`} name="environment" defaultValue={d?.environment ?? offered[0]} className={`${inputClass} mt-1`}>
          {offered.map((e) => <option key={e} value={e}>{DARAJA_ENVIRONMENT_LABELS[e]}</option>)}
        </select>
        <p className="mt-1 text-xs text-slate-600">Live accounts: {environments.LIVE.map((e) => DARAJA_ENVIRONMENT_LABELS[e]).join(", ") || "none on this gateway"}.</p>
      </div>
      <div>
        <label htmlFor={`${p}-kind`} className={labelClass}>Kind</label>
        <select id={`${p}-kind`} name="kind" defaultValue={d?.tillNumber ? "till" : "paybill"} className={`${inputClass} mt-1`}>
          <option value="paybill">Paybill (CustomerPayBillOnline)</option><option value="till">Till, Buy Goods (CustomerBuyGoodsOnline)</option>
        </select>
      </div>
      {field("shortcode", "Shortcode (paybill, or the till's store number)", { required: true, inputMode: "numeric", pattern: "\\d{5,7}", defaultValue: d?.shortcode })}
      {field("tillNumber", "Till number (tills only)", { inputMode: "numeric", pattern: "\\d{5,8}", defaultValue: d?.tillNumber ?? "" })}
      {account ? <p className="text-xs text-slate-600">Leave a secret empty to keep the stored one.</p> : null}
      {field("consumerKey", "Consumer key", { required: !account, autoComplete: "off", placeholder: account?.keyHint ? `stored, ends …${account.keyHint}` : undefined })}
      {field("consumerSecret", "Consumer secret", { type: "password", required: !account, autoComplete: "new-password" })}
      {field("passkey", "Passkey (Lipa na M-Pesa Online)", { type: "password", required: !account, autoComplete: "new-password" })}
      {account?.isDefault ? null : (
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="makeDefault" id={`${p}-default`} /> Make it the default account of its mode</label>
      )}
      <ReasonField id={`${p}-reason`} />
    </ActionForm>
  );
}
