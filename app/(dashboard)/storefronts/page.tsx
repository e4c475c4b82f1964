import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass, linkClass } from "@/components/ui/styles";
import {
  createApiKeyAction, createStorefrontAction, revokeApiKeyAction, rotateWebhookSecretAction, setWebhookEndpointAction,
} from "@/lib/actions/storefronts";
import { requireAdmin } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { findStorefronts, type StorefrontListItem } from "@/lib/storefronts/find-storefronts";
import { EndpointTools } from "./endpoint-tools";

export const metadata: Metadata = { title: "Storefronts" };

export default async function StorefrontsPage() {
  await requireAdmin("/storefronts");
  const storefronts = await findStorefronts(getDb());
  return (
    <>
      <PageHeader title="Storefronts" testId="storefronts-title" description="API clients, their keys and where their events are sent. Secrets are shown once, when created." />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {storefronts.length === 0 ? <EmptyState title="No storefronts yet">Create one to issue API keys.</EmptyState> : storefronts.map((s) => <StorefrontCard key={s.id} storefront={s} />)}
        </div>
        <Card title="Add a storefront" id="add-storefront">
          <ActionForm action={createStorefrontAction} submitLabel="Create storefront" testId="create-storefront-form">
            <div><label htmlFor="sf-name" className={labelClass}>Name</label><input id="sf-name" name="name" required maxLength={80} className={`${inputClass} mt-1`} /></div>
          </ActionForm>
        </Card>
      </div>
    </>
  );
}

function StorefrontCard({ storefront: s }: { storefront: StorefrontListItem }) {
  return (
    <Card title={<span className="flex items-center gap-2">{s.name} <span className="font-mono text-xs font-normal text-slate-500">{s.id}</span>{s.disabled ? <Badge tone="red">Disabled</Badge> : null}</span>} id={s.id}>
      <div className="space-y-5" data-testid="storefront-card" data-name={s.name}>
        <section aria-label={`API keys of ${s.name}`}>
          <h3 className="mb-2 font-medium">API keys</h3>
          {s.apiKeys.length === 0 ? <p className="text-sm text-slate-600">No keys yet.</p> : (
            <ul className="divide-y divide-slate-100 text-sm">
              {s.apiKeys.map((k) => (
                <li key={k.id} className="py-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-mono">{k.prefix}…</span>
                    <Badge tone={k.mode === "LIVE" ? "green" : "amber"}>{k.mode === "LIVE" ? "Live" : "Test"}</Badge>
                    <span>{k.name}</span>
                    {k.revokedAt ? <Badge tone="red">Revoked</Badge> : null}
                    <span className="text-slate-600">last used <DateTime value={k.lastUsedAt} /></span>
                  </div>
                  {!k.revokedAt ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-sm text-red-800">Revoke…</summary>
                      <ActionForm action={revokeApiKeyAction} submitLabel="Revoke key" tone="danger" className="mt-2 space-y-2" testId="revoke-key-form">
                        <input type="hidden" name="storefrontId" value={s.id} />
                        <input type="hidden" name="keyId" value={k.id} />
                        <ReasonField id={`revoke-${k.id}`} />
                      </ActionForm>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-emerald-800">New API key…</summary>
            <ActionForm action={createApiKeyAction} submitLabel="Create key" className="mt-2 space-y-2" testId="create-key-form">
              <input type="hidden" name="storefrontId" value={s.id} />
              <div className="grid gap-2 sm:grid-cols-2">
                <div><label htmlFor={`key-name-${s.id}`} className={labelClass}>Name</label><input id={`key-name-${s.id}`} name="name" required maxLength={80} placeholder="e.g. checkout server" className={`${inputClass} mt-1`} /></div>
                <div>
                  <label htmlFor={`key-mode-${s.id}`} className={labelClass}>Mode</label>
                  <select id={`key-mode-${s.id}`} name="mode" defaultValue="TEST" className={`${inputClass} mt-1`}><option value="TEST">Test (simulator / sandbox)</option><option value="LIVE">Live (real money)</option></select>
                </div>
              </div>
            </ActionForm>
          </details>
        </section>
        <section aria-label={`Collection accounts of ${s.name}`}>
          <h3 className="mb-2 font-medium">Collection accounts</h3>
          <ul className="text-sm">
            {s.collectionAccounts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2 py-1">
                <Badge tone={a.mode === "LIVE" ? "green" : "amber"}>{a.mode === "LIVE" ? "Live" : "Test"}</Badge>{a.name}
                {/* One default per rail: the currency tells a storefront's Kenyan and Tanzanian accounts apart. */}
                <Badge tone="slate">{a.currency}</Badge>
                {a.isDefault ? <Badge tone="blue">Default</Badge> : null}{a.disabled ? <Badge tone="red">Disabled</Badge> : null}
              </li>
            ))}
          </ul>
          <Link href={`/storefronts/${s.id}/accounts`} className={`${linkClass} text-sm`} data-testid="manage-accounts-link">Manage collection accounts</Link>
          {" · "}
          <Link href={`/storefronts/${s.id}/links`} className={`${linkClass} text-sm`} data-testid="manage-links-link">Payment links</Link>
        </section>
        <section aria-label={`Webhooks of ${s.name}`}>
          <h3 className="mb-2 font-medium">Webhook endpoints</h3>
          <div className="grid gap-3 md:grid-cols-2">
            {(["TEST", "LIVE"] as const).map((mode) => {
              const endpoint = s.webhookEndpoints.find((e) => e.mode === mode);
              return (
                <div key={mode} className="rounded-md border border-slate-200 p-3 text-sm">
                  <p className="mb-2 flex flex-wrap items-center gap-2 font-medium">{mode === "LIVE" ? "Live" : "Test"} events
                    {endpoint && !endpoint.enabled ? <Badge tone="red">Disabled</Badge> : null}
                    {endpoint?.failingSince ? <Badge tone="amber">Failing since <DateTime value={endpoint.failingSince} /></Badge> : null}
                  </p>
                  {endpoint?.disabledReason ? <p className="mb-2 text-red-800">{endpoint.disabledReason}</p> : null}
                  <ActionForm action={setWebhookEndpointAction} submitLabel={endpoint ? "Save URL" : "Add endpoint"} tone="secondary" className="space-y-2" testId={`webhook-form-${mode.toLowerCase()}`}>
                    <input type="hidden" name="storefrontId" value={s.id} />
                    <input type="hidden" name="mode" value={mode} />
                    <label htmlFor={`wh-${s.id}-${mode}`} className={labelClass}>URL</label>
                    <input id={`wh-${s.id}-${mode}`} name="url" type="url" required defaultValue={endpoint?.url ?? ""} placeholder="https://shop.example.co.ke/webhooks/malipo" className={inputClass} />
                  </ActionForm>
                  {endpoint ? <EndpointTools storefrontId={s.id} endpoint={endpoint} /> : null}
                  {endpoint ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-emerald-800">Rotate signing secret…</summary>
                      {endpoint.previousSecretExpiresAt ? <p className="mt-1 text-slate-600">Previous secret valid until <DateTime value={endpoint.previousSecretExpiresAt} /></p> : null}
                      <ActionForm action={rotateWebhookSecretAction} submitLabel="Rotate secret" tone="secondary" className="mt-2 space-y-2" testId={`rotate-form-${mode.toLowerCase()}`}>
                        <input type="hidden" name="storefrontId" value={s.id} />
                        <input type="hidden" name="endpointId" value={endpoint.id} />
                        <ReasonField id={`rotate-${endpoint.id}`} />
                      </ActionForm>
                    </details>
                  ) : null}
                </div>
              );
            })}
          </div>
        </section>
      </div>
    </Card>
  );
}
