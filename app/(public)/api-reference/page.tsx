import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { describeApi } from "@/lib/api-reference/describe-api";
import { getEnv } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";
import { IntroSection } from "./intro-section";
import { MethodBadge } from "./method-badge";
import { OperationSection } from "./operation-section";
import { SnippetsSection } from "./snippets-section";
import { WebhooksSection } from "./webhooks-section";

export const metadata: Metadata = { title: "API reference" };

const RAW_DOCUMENT = "/api/v1/openapi.json";

/**
 * The storefront API for people, rendered from the same OpenAPI document /api/v1/openapi.json serves
 * (same builder, same server URL), so the page and the contract cannot disagree.
 */
export default async function ApiReferencePage() {
  // The paths carry /api/v1 themselves: the server URL is the origin, exactly as the JSON route has it.
  const api = describeApi(buildOpenApiDocument({ serverUrl: getEnv().publicUrl }));
  return (
    <>
      <PageHeader title="API reference" testId="api-reference-title"
        description={<>{api.title}, version {api.version}: what a storefront calls, and what Malipo sends back.</>}
        actions={<a href={RAW_DOCUMENT} className={linkClass} data-testid="openapi-link">OpenAPI 3.1 document (JSON)</a>} />
      <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
        <nav aria-label="On this page" className="text-sm lg:sticky lg:top-4 lg:self-start">
          <ul className="space-y-1">
            <li><a href="#introduction-title" className={linkClass}>Introduction</a></li>
            <li><a href="#errors" className={linkClass}>Errors</a></li>
            {api.operations.map((op) => (
              <li key={op.id}>
                <a href={`#op-${op.id}`} className={`${linkClass} inline-flex flex-wrap items-baseline gap-1`}>
                  <MethodBadge method={op.method} /> <span className="font-mono text-xs wrap-anywhere">{op.path}</span>
                </a>
              </li>
            ))}
            <li><a href="#webhooks-title" className={linkClass}>Webhook events</a></li>
            <li><a href="#verify-title" className={linkClass}>Verifying webhooks: code</a></li>
          </ul>
        </nav>
        <div className="min-w-0 space-y-6">
          <IntroSection api={api} />
          {api.operations.map((op) => <OperationSection key={op.id} op={op} />)}
          <WebhooksSection webhooks={api.webhooks} />
          <SnippetsSection />
          <p className="text-sm text-slate-700">
            Machine-readable: <a href={RAW_DOCUMENT} className={linkClass}>{RAW_DOCUMENT}</a> (OpenAPI 3.1, public, no key needed), for code generators and API clients.
          </p>
        </div>
      </div>
    </>
  );
}
