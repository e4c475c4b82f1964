import { ActionForm } from "@/components/ui/action-form";
import { DateTime } from "@/components/ui/date-time";
import { ReasonField } from "@/components/ui/reason-field";
import { registerC2bUrlsAction } from "@/lib/actions/c2b";
import type { CollectionAccountView } from "@/lib/collection-accounts/find-collection-accounts";

/** Registering an account's C2B URLs: repeatable in the simulator and the sandbox, once in production. */
export function C2bSection({ account: a }: { account: CollectionAccountView }) {
  const production = a.daraja?.environment === "production";
  return (
    <details data-testid="c2b-section">
      <summary className="cursor-pointer text-sm text-emerald-800">C2B (customers paying the {a.daraja?.tillNumber ? "till" : "paybill"} directly)…</summary>
      <div className="mt-2 space-y-2">
        <p data-testid="c2b-registered">{a.c2bRegisteredAt ? <>C2B URLs registered <DateTime value={a.c2bRegisteredAt} /> by {a.c2bRegisteredBy}.</> : "C2B URLs not registered: payments made directly to this shortcode are not seen."}</p>
        <p className="text-xs text-slate-600">
          {production
            ? "Production registers once per shortcode. To change the URLs later, delete them on the Daraja portal (URL Management, two org-portal managers), then register again."
            : "The simulator and the sandbox accept a registration again and again."}
          {" "}Validation requests are only sent once Safaricom has enabled external validation for the shortcode; the storefront&apos;s rule below answers them.
        </p>
        <ActionForm action={registerC2bUrlsAction} submitLabel={a.c2bRegisteredAt ? "Register again" : "Register C2B URLs"} pendingLabel="Calling Daraja…" tone="secondary" className="space-y-2" testId="register-c2b-form">
          <input type="hidden" name="storefrontId" value={a.storefrontId} />
          <input type="hidden" name="accountId" value={a.id} />
          <ReasonField id={`c2b-${a.id}`} />
        </ActionForm>
      </div>
    </details>
  );
}
