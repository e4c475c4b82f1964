import { eat, type AlertCondition } from "@/lib/alerts/alert-condition";
import type { AlertIncident, AlertNotificationKind } from "@/lib/generated/prisma/client";

export interface AlertMessage {
  event: "alert.opened" | "alert.reminder" | "alert.resolved" | "alert.test";
  /** E-mail subject. */
  subject: string;
  /** Plain text for the e-mail body and the webhook's `text` (Slack and Teams show it). */
  text: string;
  /** The JSON webhook's body: `text` first, then the same facts as fields. */
  json: Record<string, unknown>;
}

const EVENTS = { OPENED: "alert.opened", REMINDER: "alert.reminder", RESOLVED: "alert.resolved", TEST: "alert.test" } as const;
const HEADLINES = { OPENED: "ALERT", REMINDER: "STILL OPEN", RESOLVED: "RESOLVED", TEST: "TEST" } as const;

/**
 * What one notification says, the same on every channel. The JSON body is what Slack's and Teams'
 * incoming webhooks take (`text`), plus structured fields for any other receiver.
 */
export function renderAlertMessage({ kind, incident, condition, dashboardUrl }: {
  kind: AlertNotificationKind;
  incident: AlertIncident | null;
  condition: AlertCondition | undefined;
  dashboardUrl: string;
}): AlertMessage {
  const event = EVENTS[kind];
  if (kind === "TEST" || !incident) {
    const text = `Malipo test alert: this channel receives Malipo's alerts. Settings: ${dashboardUrl}`;
    return { event, subject: "[Malipo] TEST: alert channel check", text, json: { text, event } };
  }
  const title = condition?.title ?? incident.kind;
  const subject = `[Malipo] ${HEADLINES[kind]}: ${title}${incident.subject === "all" ? "" : ` (${incident.subject})`}`;
  const when = kind === "RESOLVED" && incident.resolvedAt
    ? `Resolved at ${eat(incident.resolvedAt)}, open since ${eat(incident.openedAt)}.`
    : `Open since ${eat(incident.openedAt)}.`;
  const text = [`${subject}`, kind === "RESOLVED" ? `Cleared: ${incident.summary}` : incident.summary, when, `Alerts: ${dashboardUrl}`].join("\n");
  return {
    event, subject, text,
    json: {
      text, event,
      alert: {
        id: incident.id, kind: incident.kind, title, severity: condition?.severity ?? "warning", subject: incident.subject,
        summary: incident.summary, details: incident.details, opened_at: incident.openedAt.toISOString(),
        resolved_at: incident.resolvedAt?.toISOString() ?? null, url: dashboardUrl,
      },
    },
  };
}
