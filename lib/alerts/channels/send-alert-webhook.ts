import type { AlertMessage } from "@/lib/alerts/render-alert-message";
import { postWebhook } from "@/lib/webhooks/post-webhook";
import type { WebhookTargetPolicy } from "@/lib/webhooks/webhook-target";

export const ALERT_USER_AGENT = "Malipo-Alerts/1.0";

/**
 * POSTs an alert as JSON to a Slack, Teams or any other incoming webhook, through the storefront
 * webhooks' sender: the same target guard (checked at every send, on the addresses actually
 * connected to), no redirects, a timeout. Throws unless the receiver answers 2xx.
 */
export async function sendAlertWebhook(url: string, message: AlertMessage, { targets, timeoutMs }: { targets: WebhookTargetPolicy; timeoutMs: number }): Promise<void> {
  const outcome = await postWebhook({
    url, body: JSON.stringify(message.json), timeoutMs, targets,
    headers: { "Content-Type": "application/json", "User-Agent": ALERT_USER_AGENT },
  });
  if (!outcome.ok) throw new Error(outcome.statusCode ? `HTTP ${outcome.statusCode}${outcome.error ? `: ${outcome.error}` : ""}` : (outcome.error ?? "no answer"));
}
