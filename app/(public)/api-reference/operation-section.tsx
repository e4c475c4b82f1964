import { Card } from "@/components/ui/card";
import { DocInline, DocText } from "@/components/ui/doc-text";
import { linkClass } from "@/components/ui/styles";
import type { OperationView, ResponseView } from "@/lib/api-reference/describe-api";
import { FieldTable } from "./field-table";
import { MethodBadge } from "./method-badge";

/** One operation: what it does, what it takes, and every answer it can give. */
export function OperationSection({ op }: { op: OperationView }) {
  const label = `${op.method} ${op.path}`;
  return (
    <div id={`op-${op.id}`} className="scroll-mt-4" data-testid={`operation-${op.id}`}>
      <Card id={`op-${op.id}-card`} title={<><MethodBadge method={op.method} /> <code className="font-mono">{op.path}</code></>}>
        <div className="space-y-5 text-sm">
          <div className="space-y-2">
            <p className="text-base font-medium text-slate-900"><DocInline text={op.summary} /></p>
            <DocText text={op.description} className="space-y-2 text-slate-700" />
            <p className="text-slate-700">
              {op.authenticated
                ? <>Authentication: <code className="font-mono">Authorization: Bearer sk_…</code> (<a href="#authentication" className={linkClass}>API keys</a>).</>
                : "Authentication: none; this is public."}
            </p>
          </div>
          {op.parameters.length ? (
            <section aria-labelledby={`op-${op.id}-params`}>
              <h3 id={`op-${op.id}-params`} className="mb-2 font-semibold">Parameters</h3>
              <FieldTable rows={op.parameters} caption={`Parameters of ${label}`} testId="parameters" />
            </section>
          ) : null}
          {op.body ? (
            <section aria-labelledby={`op-${op.id}-body`}>
              <h3 id={`op-${op.id}-body`} className="mb-2 font-semibold">
                Request body <span className="font-normal text-slate-600">(JSON{op.body.schemaName ? `, ${op.body.schemaName}` : ""})</span>
              </h3>
              <FieldTable rows={op.body.rows} caption={`Request body of ${label}`} testId="request-body" />
            </section>
          ) : null}
          <section aria-labelledby={`op-${op.id}-responses`}>
            <h3 id={`op-${op.id}-responses`} className="mb-2 font-semibold">Responses</h3>
            <div className="space-y-2" data-testid="responses">
              {op.responses.map((r) => <ResponseBlock key={r.status} response={r} label={label} />)}
            </div>
          </section>
        </div>
      </Card>
    </div>
  );
}

/** A response as a disclosure: successes start open, errors (which share two shapes) closed. */
function ResponseBlock({ response: r, label }: { response: ResponseView; label: string }) {
  return (
    <details open={r.success} className="rounded-md border border-slate-200" data-testid="response" data-status={r.status}>
      <summary className="cursor-pointer rounded-md px-3 py-2 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600">
        <span className={`mr-2 font-mono font-semibold ${r.success ? "text-emerald-800" : "text-red-800"}`}>{r.status}</span>
        <DocInline text={r.description} />
      </summary>
      <div className="space-y-3 border-t border-slate-200 px-3 py-3">
        {r.schemaName ? <p className="text-slate-700">Body: <code className="font-mono">{r.schemaName}</code>{r.schemaName === "Error" || r.schemaName === "PaymentError" ? <> (see <a href="#errors" className={linkClass}>errors</a>)</> : null}</p> : null}
        {r.rows.length ? <FieldTable rows={r.rows} caption={`Body of the ${r.status} answer to ${label}`} /> : <DocText text={r.schemaDescription} className="text-slate-700" />}
        {r.headers.length ? (
          <dl className="grid gap-x-3 gap-y-1 text-xs sm:grid-cols-[12rem_1fr]">
            {r.headers.map((h) => (
              <div key={h.name} className="contents">
                <dt><code className="font-mono font-semibold">{h.name}</code> <span className="text-slate-600">header</span></dt>
                <dd className="text-slate-700"><DocInline text={h.description} /></dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
    </details>
  );
}
