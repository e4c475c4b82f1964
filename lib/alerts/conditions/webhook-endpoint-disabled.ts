import { eat, modeName, type AlertCondition } from "@/lib/alerts/alert-condition";

/** A storefront webhook endpoint disabled after failing for WEBHOOK_DISABLE_AFTER_SECONDS. */
export const webhookEndpointDisabled: AlertCondition = {
  kind: "webhook_endpoint_disabled",
  title: "Webhook endpoint disabled",
  description: "A storefront's endpoint failed every delivery for WEBHOOK_DISABLE_AFTER_SECONDS and was disabled: the storefront hears nothing until an admin saves its URL again (Storefronts).",
  severity: "warning",
  async evaluate({ db }) {
    const endpoints = await db.webhookEndpoint.findMany({
      where: { enabled: false }, orderBy: { id: "asc" },
      select: { id: true, mode: true, url: true, disabledAt: true, disabledReason: true, storefront: { select: { name: true } } },
    });
    return endpoints.map((e) => ({
      subject: e.id,
      summary: `The ${modeName(e.mode)} webhook endpoint of ${e.storefront.name} (${hostOf(e.url)}) is disabled${e.disabledAt ? ` since ${eat(e.disabledAt)}` : ""}. ${e.disabledReason ?? ""}`.trim(),
      details: { endpoint: e.id, storefront: e.storefront.name, mode: modeName(e.mode), host: hostOf(e.url), disabledAt: e.disabledAt?.toISOString() ?? null },
    }));
  },
};

// The URL's path or query may carry the storefront's own token: only the host leaves Malipo.
function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : "invalid URL";
}
