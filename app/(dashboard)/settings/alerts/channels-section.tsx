import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { inputClass, labelClass } from "@/components/ui/styles";
import { addAlertChannelAction, removeAlertChannelAction, sendTestAlertAction, setAlertChannelEnabledAction } from "@/lib/actions/alerts";
import type { AlertSettings } from "@/lib/alerts/find-alert-settings";

/** Where alerts go: e-mail addresses (over the SMTP server in the settings) and JSON webhooks (Slack, Teams, anything). */
export function ChannelsSection({ settings }: { settings: AlertSettings }) {
  return (
    <Card title={`Recipients (${settings.channels.length})`} id="channels">
      <div className="space-y-4 text-sm">
        {settings.smtpConfigured ? null : (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-950" data-testid="smtp-missing">
            No SMTP server is configured (SMTP_HOST), so e-mail recipients cannot be added; webhooks work.
          </p>
        )}
        {settings.channels.length === 0 ? <p className="text-slate-600">Nobody is told yet: add an e-mail address or a webhook.</p> : (
          <ul className="divide-y divide-slate-100" data-testid="alert-channels">
            {settings.channels.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3 py-2" data-testid="alert-channel" data-label={c.label}>
                <Badge tone="slate">{c.type === "EMAIL" ? "E-mail" : "Webhook"}</Badge>
                <span className="break-all font-mono">{c.label}</span>
                {c.enabled ? null : <Badge tone="amber">Paused</Badge>}
                <ActionForm action={sendTestAlertAction} submitLabel="Send test" tone="secondary" className="flex items-center gap-2" testId="test-alert-form">
                  <input type="hidden" name="channelId" value={c.id} />
                </ActionForm>
                <ActionForm action={setAlertChannelEnabledAction} submitLabel={c.enabled ? "Pause" : "Resume"} tone="secondary" className="flex items-center gap-2">
                  <input type="hidden" name="channelId" value={c.id} />
                  <input type="hidden" name="enabled" value={c.enabled ? "false" : "true"} />
                </ActionForm>
                <ActionForm action={removeAlertChannelAction} submitLabel="Remove" tone="danger" className="flex items-center gap-2">
                  <input type="hidden" name="channelId" value={c.id} />
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
        <ActionForm action={addAlertChannelAction} submitLabel="Add recipient" className="grid gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-[12rem_1fr]" testId="add-alert-channel-form">
          <div>
            <label htmlFor="channel-type" className={labelClass}>Kind</label>
            <select id="channel-type" name="type" defaultValue={settings.smtpConfigured ? "EMAIL" : "WEBHOOK"} className={`${inputClass} mt-1`}>
              <option value="EMAIL" disabled={!settings.smtpConfigured}>E-mail</option>
              <option value="WEBHOOK">Webhook (Slack, Teams, JSON)</option>
            </select>
          </div>
          <div>
            <label htmlFor="channel-target" className={labelClass}>Address or URL</label>
            <input id="channel-target" name="target" required maxLength={2000} placeholder="ops@example.co.ke or https://hooks.slack.com/services/…" className={`${inputClass} mt-1`} />
          </div>
        </ActionForm>
      </div>
    </Card>
  );
}
