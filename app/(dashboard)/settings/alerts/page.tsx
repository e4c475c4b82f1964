import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { findAlertSettings } from "@/lib/alerts/find-alert-settings";
import { requireAdmin } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ChannelsSection } from "./channels-section";
import { NotificationsSection } from "./notifications-section";
import { RulesSection } from "./rules-section";

export const metadata: Metadata = { title: "Alerts" };

/** Settings → Alerts: who is told (channels), about what (rules), and what was told (history). Admins only; every change is audited. */
export default async function AlertSettingsPage() {
  await requireAdmin("/settings/alerts");
  const settings = await findAlertSettings(getDb(), getEnv());
  return (
    <>
      <PageHeader title="Alerts" testId="alerts-title"
        description={`Operators are told by e-mail or webhook when something needs them, once when it starts (again every ${settings.renotifyMinutes || "—"} min while it lasts) and once when it clears. Conditions are checked every ${settings.evaluateIntervalSeconds} s.`} />
      <div className="space-y-4">
        <ChannelsSection settings={settings} />
        <Card title={`Open alerts (${settings.open.length})`} id="open-alerts">
          {settings.open.length === 0 ? <p className="text-sm text-slate-600">Nothing is wrong right now.</p> : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="open-alerts">
              {settings.open.map((a) => (
                <li key={a.id} className="py-2" data-kind={a.kind}>
                  <p className="font-medium text-red-800">{a.summary}</p>
                  <p className="text-xs text-slate-600">{a.kind} · {a.subject} · open since <DateTime value={a.openedAt} suffix /> · last seen <DateTime value={a.lastSeenAt} /></p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <RulesSection rules={settings.rules} />
        <NotificationsSection notifications={settings.notifications} />
      </div>
    </>
  );
}
