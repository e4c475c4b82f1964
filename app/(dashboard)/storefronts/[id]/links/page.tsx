import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { inputClass, labelClass, linkClass } from "@/components/ui/styles";
import { createPaymentLinkAction, setPaymentLinkActiveAction } from "@/lib/actions/payment-links";
import { requireAdmin } from "@/lib/auth/guards";
import { findPaymentLinks } from "@/lib/checkout/payment-links";
import { formatKes } from "@/lib/dashboard/format-money";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Payment links" };

const FIELDS = [
  { name: "title", label: "Title (shown to the customer)", required: true },
  { name: "amount", label: "Fixed amount (KES) — or leave empty and give bounds", type: "number" },
  { name: "minAmount", label: "Minimum (KES)", type: "number" },
  { name: "maxAmount", label: "Maximum (KES)", type: "number" },
  { name: "referencePrefix", label: "Reference prefix (1–6 letters or digits)", required: true },
  { name: "description", label: "Description on the prompt (optional, ≤ 13)" },
  { name: "returnUrl", label: "Return URL (optional)", type: "url" },
  { name: "cancelUrl", label: "Cancel URL (optional)", type: "url" },
];

export default async function PaymentLinksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdmin(`/storefronts/${encodeURIComponent(id)}/links`);
  const db = getDb();
  const storefront = await db.storefront.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!storefront) notFound();
  const links = await findPaymentLinks(db, id);
  const publicUrl = getEnv().publicUrl;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/storefronts" className={linkClass}>← Storefronts</Link></p>
      <PageHeader title={`Payment links of ${storefront.name}`} testId="payment-links-title"
        description="A reusable link to a Malipo checkout page. Each use opens its own checkout session, so each customer makes their own payment." />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-3 lg:col-span-2">
          {links.length === 0 ? <EmptyState title="No payment links yet">Create one with the form.</EmptyState> : null}
          {links.map((l) => (
            <Card key={l.id} title={l.title}>
              <div className="space-y-2 text-sm" data-testid="payment-link-row">
                <p className="flex flex-wrap gap-2">
                  <Badge tone={l.mode === "LIVE" ? "green" : "amber"}>{l.mode === "LIVE" ? "Live" : "Test"}</Badge>
                  <Badge tone={l.active ? "green" : "slate"}>{l.active ? "Active" : "Inactive"}</Badge>
                  <span>{l.amount !== null ? formatKes(l.amount) : `${formatKes(l.minAmount ?? 1)} – ${formatKes(l.maxAmount ?? 0)}`}</span>
                  <span>· {l._count.sessions} uses · reference {l.referencePrefix}…</span>
                </p>
                <p><a href={`${publicUrl}/pay/link/${l.token}`} className={`${linkClass} break-all font-mono`} data-testid="payment-link-url">{`${publicUrl}/pay/link/${l.token}`}</a></p>
                <ActionForm action={setPaymentLinkActiveAction} submitLabel={l.active ? "Deactivate" : "Activate"} tone="secondary" testId="payment-link-toggle">
                  <input type="hidden" name="storefrontId" value={id} />
                  <input type="hidden" name="linkId" value={l.id} />
                  <input type="hidden" name="active" value={String(!l.active)} />
                </ActionForm>
              </div>
            </Card>
          ))}
        </div>
        <Card title="New payment link">
          <ActionForm action={createPaymentLinkAction} submitLabel="Create link" testId="payment-link-form">
            <input type="hidden" name="storefrontId" value={id} />
            <fieldset>
              <legend className={labelClass}>Mode</legend>
              <label className="mr-4 text-sm"><input type="radio" name="mode" value="TEST" defaultChecked /> Test</label>
              <label className="text-sm"><input type="radio" name="mode" value="LIVE" /> Live</label>
            </fieldset>
            {FIELDS.map((f) => (
              <div key={f.name}>
                <label htmlFor={`link-${f.name}`} className={labelClass}>{f.label}</label>
                <input id={`link-${f.name}`} name={f.name} type={f.type ?? "text"} required={f.required} className={inputClass} />
              </div>
            ))}
          </ActionForm>
        </Card>
      </div>
    </>
  );
}
