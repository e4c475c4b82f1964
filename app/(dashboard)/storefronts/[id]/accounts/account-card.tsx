import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { ReasonField } from "@/components/ui/reason-field";
import {
  disableCollectionAccountAction, enableCollectionAccountAction, makeDefaultCollectionAccountAction, testCollectionAccountAction,
} from "@/lib/actions/collection-accounts";
import { DARAJA_ENVIRONMENT_LABELS, type DarajaEnvironment } from "@/lib/collection-accounts/daraja-account-settings";
import { VODACOM_ENVIRONMENT_LABELS, type VodacomAccountEnvironment } from "@/lib/collection-accounts/vodacom-account-settings";
import { VODACOM_MARKETS } from "@/lib/rails/vodacom/markets";
import type { CollectionAccountView } from "@/lib/collection-accounts/find-collection-accounts";
import { AccountForm } from "./account-form";
import type { PullStateView } from "@/lib/ledger/pull/find-pull-states";
import { C2bSection } from "./c2b-section";
import { PullSection } from "./pull-section";
import { B2cSection } from "./b2c-section";
import { InitiatorSection } from "./initiator-section";
import { VodacomAccountForm } from "./vodacom-account-form";

/** One account: what it is, its last connection test, and what an admin can do with it. */
export function AccountCard({ account: a, environments, vodacomEnvironments, pull }: {
  account: CollectionAccountView; environments: DarajaEnvironment[]; vodacomEnvironments: VodacomAccountEnvironment[]; pull?: PullStateView;
}) {
  const d = a.daraja;
  const v = a.vodacom;
  const isVodacom = a.rail === "vodacom_c2b";
  const hidden = <><input type="hidden" name="storefrontId" value={a.storefrontId} /><input type="hidden" name="accountId" value={a.id} /></>;
  const stateForm = (action: typeof disableCollectionAccountAction, label: string, testId: string, tone: "secondary" | "danger" = "secondary") => (
    <details>
      <summary className="cursor-pointer text-sm text-emerald-800">{label}…</summary>
      <ActionForm action={action} submitLabel={label} tone={tone} className="mt-2 space-y-2" testId={testId}>{hidden}<ReasonField id={`${testId}-${a.id}`} /></ActionForm>
    </details>
  );
  return (
    <Card id={a.id} title={
      <span className="flex flex-wrap items-center gap-2">{a.name} <span className="font-mono text-xs font-normal text-slate-500">{a.id}</span>
        <Badge tone={a.mode === "LIVE" ? "green" : "amber"}>{a.mode === "LIVE" ? "Live" : "Test"}</Badge>
        {a.isDefault ? <Badge tone="blue">Default</Badge> : null}
        {a.disabled ? <Badge tone="red">Disabled</Badge> : null}
        {a.source === "ENVIRONMENT" ? <Badge tone="slate">Environment settings</Badge> : null}
        <Badge tone="slate">{a.currency}</Badge>
      </span>}>
      <div className="space-y-3 text-sm" data-testid="collection-account" data-name={a.name} data-account-id={a.id}>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
          {isVodacom ? (
            <>
              <dt className="text-slate-600">Kind</dt><dd>{v ? `Vodacom M-Pesa OpenAPI C2B, ${VODACOM_MARKETS[v.market].name}, service provider ${v.serviceProviderCode}` : "not configured on this gateway"}</dd>
              <dt className="text-slate-600">Environment</dt><dd>{v ? VODACOM_ENVIRONMENT_LABELS[v.environment] : "—"}</dd>
              <dt className="text-slate-600">API key</dt><dd className="font-mono">{a.source === "ENVIRONMENT" ? `VODACOM_${a.mode}_API_KEY` : `••••${a.keyHint ?? ""}`}</dd>
              <dt className="text-slate-600">Result URL</dt>
              <dd data-testid="vodacom-result-url"><span className="break-all font-mono text-xs">{a.vodacomResultUrl}</span>
                <span className="block text-xs text-slate-600">For an app set to the asynchronous form in Vodacom&apos;s portal: results posted here are stored first and settle their payments. Keep it secret.</span></dd>
            </>
          ) : (
            <>
              <dt className="text-slate-600">Kind</dt><dd>{d ? (d.tillNumber ? `Till ${d.tillNumber} (store ${d.shortcode})` : `Paybill ${d.shortcode}`) : "not configured on this gateway"}</dd>
              <dt className="text-slate-600">Environment</dt><dd>{d ? DARAJA_ENVIRONMENT_LABELS[d.environment] : "—"}</dd>
              <dt className="text-slate-600">Consumer key</dt><dd className="font-mono">{a.source === "ENVIRONMENT" ? `DARAJA_${a.mode}_CONSUMER_KEY` : `••••${a.keyHint ?? ""}`}</dd>
            </>
          )}
          <dt className="text-slate-600">Secrets</dt><dd>{a.source === "ENVIRONMENT" ? "in the environment" : "stored encrypted (not shown)"}</dd>
          <dt className="text-slate-600">Last test</dt>
          <dd data-testid="account-last-test">{a.lastTestedAt ? <>{a.lastTestOk ? <Badge tone="green">Works</Badge> : <Badge tone="red">Failed</Badge>} <DateTime value={a.lastTestedAt} /> — {a.lastTestMessage}</> : "never tested"}</dd>
        </dl>
        <ActionForm action={testCollectionAccountAction} submitLabel="Test connection" pendingLabel={isVodacom ? "Calling Vodacom…" : "Calling Daraja…"} tone="secondary" testId="test-account-form">{hidden}</ActionForm>
        <p className="text-xs text-slate-600">{isVodacom
          ? "The test opens a Vodacom session with the API key encrypted under the public key; the service provider code is checked at the first payment."
          : "The test asks Daraja for an OAuth token with the consumer key and secret; the shortcode and passkey are checked at the first push."}</p>
        {a.source === "DASHBOARD" && isVodacom ? (
          <details>
            <summary className="cursor-pointer text-sm text-emerald-800">Edit…</summary>
            <div className="mt-2"><VodacomAccountForm storefrontId={a.storefrontId} environments={{ TEST: a.mode === "TEST" ? vodacomEnvironments : [], LIVE: a.mode === "LIVE" ? vodacomEnvironments : [] }} account={a} /></div>
          </details>
        ) : null}
        {a.source === "DASHBOARD" && !isVodacom ? (
          <details>
            <summary className="cursor-pointer text-sm text-emerald-800">Edit…</summary>
            <div className="mt-2"><AccountForm storefrontId={a.storefrontId} environments={{ TEST: a.mode === "TEST" ? environments : [], LIVE: a.mode === "LIVE" ? environments : [] }} account={a} /></div>
          </details>
        ) : null}
        {d ? <C2bSection account={a} /> : null}
        {d ? <PullSection account={a} state={pull} /> : null}
        {d ? <InitiatorSection account={a} /> : null}
        {d ? <B2cSection account={a} /> : null}
        {!a.isDefault && !a.disabled ? stateForm(makeDefaultCollectionAccountAction, "Make default", "default-account-form") : null}
        {a.disabled ? stateForm(enableCollectionAccountAction, "Enable", "enable-account-form") : a.isDefault ? null : stateForm(disableCollectionAccountAction, "Disable", "disable-account-form", "danger")}
      </div>
    </Card>
  );
}
