import { Card } from "@/components/ui/card";
import { DocText } from "@/components/ui/doc-text";
import type { ApiReference } from "@/lib/api-reference/describe-api";
import { FieldTable } from "./field-table";

const h3 = "mb-2 text-base font-semibold";

/** The events Malipo POSTs to a storefront: which, in what envelope, and how to know they are genuine. */
export function WebhooksSection({ webhooks }: { webhooks: ApiReference["webhooks"] }) {
  return (
    <Card title="Webhook events" id="webhooks">
      <div className="space-y-6 text-sm text-slate-800" data-testid="webhooks">
        <DocText text={webhooks.description} className="space-y-2 text-slate-700" />
        <section aria-labelledby="webhook-types">
          <h3 id="webhook-types" className={h3}>Event types</h3>
          <ul className="flex flex-wrap gap-x-4 gap-y-1" data-testid="webhook-event-types">
            {webhooks.eventTypes.map((type) => <li key={type}><code className="font-mono font-semibold">{type}</code></li>)}
          </ul>
        </section>
        <section aria-labelledby="webhook-headers">
          <h3 id="webhook-headers" className={h3}>Headers</h3>
          <FieldTable rows={webhooks.headers} caption="Headers of every webhook request" testId="webhook-headers" />
          <p className="mt-2 text-slate-700">
            To verify: take <code className="font-mono">t</code> and each <code className="font-mono">v1</code> from <code className="font-mono">Malipo-Signature</code>,
            compute HMAC-SHA256 of <code className="font-mono">&lt;t&gt;.&lt;raw body&gt;</code> with the endpoint&apos;s signing secret, compare in constant time,
            and reject timestamps too far from now. Use the body exactly as received, before parsing it.
          </p>
        </section>
        <section aria-labelledby="webhook-envelope">
          <h3 id="webhook-envelope" className={h3}>Envelope (the request body)</h3>
          <FieldTable rows={webhooks.envelopeRows} caption="Fields of a webhook event" testId="webhook-envelope" />
        </section>
        <section aria-labelledby="webhook-c2b">
          <h3 id="webhook-c2b" className={h3}>c2b.received (money paid to the paybill or till directly)</h3>
          <FieldTable rows={webhooks.c2bRows} caption="Fields of a c2b.received event" testId="webhook-c2b" />
        </section>
      </div>
    </Card>
  );
}
