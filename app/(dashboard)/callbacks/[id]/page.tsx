import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { JsonBlock, RawTextBlock } from "@/components/ui/raw-text-block";
import { ReasonField } from "@/components/ui/reason-field";
import { OutcomeBadge, StatusBadge, TestBadge } from "@/components/ui/status-badge";
import { linkClass } from "@/components/ui/styles";
import { reprocessCallbackAction } from "@/lib/actions/callbacks";
import { isAddressRefusal } from "@/lib/callbacks/address-refusal";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getCallbackOrThrow } from "@/lib/callbacks/get-callback-or-throw";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Callback" };

export default async function CallbackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/callbacks/${encodeURIComponent(id)}`);
  const c = await getCallbackOrThrow(getDb(), { callbackId: id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const parked = c.outcome === "UNMATCHED" || c.outcome === "INVALID";
  const addressRefused = isAddressRefusal(c);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/callbacks" className={linkClass}>← Callbacks</Link></p>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="callback-title">Callback #{c.id}</h1>
        <OutcomeBadge outcome={c.outcome} checks={c} />
        {c.payment?.mode === "TEST" ? <TestBadge /> : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Raw body" id="body"><RawTextBlock text={c.body} label={`Raw body of callback ${c.id}`} maxHeight="max-h-[32rem]" /></Card>
          <Card title="Headers" id="headers"><JsonBlock value={c.headers} label="Headers" /></Card>
        </div>
        <div className="space-y-4">
          <Card title="Verdict" id="verdict">
            <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
              <dt className="text-slate-600">Received</dt><dd><DateTime value={c.receivedAt} suffix /></dd>
              <dt className="text-slate-600">Processed</dt><dd><DateTime value={c.processedAt} suffix /></dd>
              <dt className="text-slate-600">Source</dt><dd>{c.sourceIp} ({c.ipAllowed ? "allowed" : "not on the list"}){c.sourceAcceptedBy ? <span className="block text-xs text-slate-600">source accepted by {c.sourceAcceptedByEmail ?? c.sourceAcceptedBy}</span> : null}</dd>
              <dt className="text-slate-600">Token</dt><dd>{c.tokenValid ? "valid" : "invalid"}</dd>
              <dt className="text-slate-600">Attempts</dt><dd>{c.attempts}</dd>
              <dt className="text-slate-600">Checkout id</dt><dd className="break-all font-mono text-xs">{c.checkoutRequestId ?? "—"}</dd>
              <dt className="text-slate-600">Payment</dt>
              <dd>{c.payment ? <span className="inline-flex items-center gap-2"><Link href={`/payments/${c.payment.id}`} className={`${linkClass} font-mono text-xs`}>{c.payment.id}</Link><StatusBadge status={c.payment.status} /></span> : "not matched"}</dd>
              <dt className="text-slate-600">Error</dt><dd className="break-words">{c.error ?? "—"}</dd>
            </dl>
          </Card>
          {user.role === "ADMIN" && (parked || addressRefused) ? (
            <Card title="Reprocess" id="reprocess">
              <p className="mb-2 text-sm text-slate-600">
                {addressRefused
                  ? "Refused only because its source address is not on the allowlist; its token is valid. Check it is genuine (the M-Pesa statement, the proxy's logs), then accept its source and process it. Fix TRUSTED_PROXIES or CALLBACK_IP_ALLOWLIST so the next ones are not refused."
                  : "Send this callback through processing again, e.g. once its payment exists or a parser fix is deployed."}
              </p>
              <ActionForm action={reprocessCallbackAction} submitLabel={addressRefused ? "Accept source and reprocess" : "Reprocess callback"} testId="reprocess-form">
                <input type="hidden" name="callbackId" value={c.id} />
                <ReasonField id="reprocess-reason" />
              </ActionForm>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
