import { Card } from "@/components/ui/card";
import { DocInline, DocText } from "@/components/ui/doc-text";
import type { ApiReference } from "@/lib/api-reference/describe-api";
import { FieldTable } from "./field-table";

const h3 = "mb-2 scroll-mt-4 text-base font-semibold";
const codeBlock = "overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100";

// The shape every error answer has, as the Error schema's fields describe it.
const ERROR_EXAMPLE = `{
  "error": {
    "type": "invalid_request_error",
    "code": "validation_failed",
    "message": "amount: Amount must be at least 1",
    "param": "amount"
  }
}`;

/** What a storefront developer needs before the first call: where, how to authenticate, modes, retries, errors. */
export function IntroSection({ api }: { api: ApiReference }) {
  return (
    <Card title="Introduction" id="introduction">
      <div className="space-y-6 text-sm text-slate-800">
        <DocText text={api.overview} className="space-y-2 text-slate-700" />

        <section aria-labelledby="base-url">
          <h3 id="base-url" className={h3}>Base URL</h3>
          <p>Paths below are relative to <code className="font-mono font-semibold" data-testid="base-url">{api.baseUrl}</code>, so creating a payment is a <code className="font-mono">POST</code> to <code className="font-mono wrap-anywhere">{api.baseUrl}/api/v1/payments</code>. Requests and answers are JSON.</p>
        </section>

        <section aria-labelledby="authentication">
          <h3 id="authentication" className={h3}>Authentication</h3>
          <p className="mb-2">Send a secret API key as a Bearer token on every call: <code className="font-mono">Authorization: Bearer sk_test_…</code>. An admin creates keys under Storefronts; the secret is shown once. <DocInline text={api.authDescription} /></p>
          <p>A missing, malformed, unknown or revoked key is answered <code className="font-mono">401</code> with the code <code className="font-mono">unauthenticated</code>.</p>
        </section>

        <section aria-labelledby="modes">
          <h3 id="modes" className={h3}>Test and live modes</h3>
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">API key modes</caption>
            <thead>
              <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                <th scope="col" className="py-2 pr-3 font-semibold">Key prefix</th>
                <th scope="col" className="py-2 pr-3 font-semibold">Mode</th>
                <th scope="col" className="py-2 font-semibold">What it reaches</th>
              </tr>
            </thead>
            <tbody>
              <tr className="border-b border-slate-100 align-top">
                <th scope="row" className="py-2 pr-3 font-normal"><code className="font-mono font-semibold">sk_test_</code></th>
                <td className="py-2 pr-3">test</td>
                <td className="py-2">The Daraja sandbox or Malipo&apos;s simulator: no money moves. Payments are marked <code className="font-mono">&quot;livemode&quot;: false</code> and appear only in the dashboard&apos;s test view.</td>
              </tr>
              <tr className="align-top">
                <th scope="row" className="py-2 pr-3 font-normal"><code className="font-mono font-semibold">sk_live_</code></th>
                <td className="py-2 pr-3">live</td>
                <td className="py-2">Production M-Pesa: real customers, real money.</td>
              </tr>
            </tbody>
          </table>
          <p className="mt-2">A key never sees the other mode&apos;s payments: reading one is answered <code className="font-mono">404</code>, as if it did not exist. Webhook endpoints are configured per mode too.</p>
        </section>

        {api.idempotencyKey ? (
          <section aria-labelledby="idempotency">
            <h3 id="idempotency" className={h3}>Idempotency</h3>
            <p className="mb-2">Send an <code className="font-mono">Idempotency-Key</code> header with every <code className="font-mono">POST</code>, so a retry after a timeout never prompts the customer twice.</p>
            <FieldTable rows={[api.idempotencyKey]} caption="The Idempotency-Key header" testId="idempotency-key" />
          </section>
        ) : null}

        <section aria-labelledby="errors">
          <h3 id="errors" className={h3}>Errors</h3>
          <p className="mb-2">Every error has the same shape, whatever the status. Branch on <code className="font-mono">error.code</code>; <code className="font-mono">message</code> is for people and may change.</p>
          <pre className={codeBlock} aria-label="Example error body" tabIndex={0} data-testid="error-example">{ERROR_EXAMPLE}</pre>
          <div className="mt-3"><FieldTable rows={api.errorRows} caption="Fields of an error answer" testId="error-shape" /></div>
          <h4 className="mb-1 mt-4 font-semibold">Error codes and their HTTP status</h4>
          <ul className="grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3" data-testid="error-codes">
            {api.errorCodes.map((e) => (
              <li key={e.code}><code className="font-mono">{e.status}</code> <code className="font-mono font-semibold">{e.code}</code></li>
            ))}
          </ul>
        </section>
      </div>
    </Card>
  );
}
