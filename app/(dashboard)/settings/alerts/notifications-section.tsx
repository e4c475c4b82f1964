import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import type { AlertSettings } from "@/lib/alerts/find-alert-settings";

const TONE = { PENDING: "blue", SENT: "green", FAILED: "red" } as const;

/** The latest messages sent (or not) to each channel, with the error of the last failed attempt. */
export function NotificationsSection({ notifications }: { notifications: AlertSettings["notifications"] }) {
  return (
    <Card title="Recent notifications" id="notifications">
      {notifications.length === 0 ? <p className="text-sm text-slate-600">Nothing has been sent yet.</p> : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="alert-notifications">
            <caption className="sr-only">The latest alert notifications</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">
                <th scope="col" className="py-2 pr-3">Queued (EAT)</th><th scope="col" className="py-2 pr-3">Message</th>
                <th scope="col" className="py-2 pr-3">To</th><th scope="col" className="py-2 pr-3">Status</th><th scope="col" className="py-2">Last error</th>
              </tr>
            </thead>
            <tbody>
              {notifications.map((n) => (
                <tr key={n.id} className="border-b border-slate-100 align-top">
                  <td className="py-2 pr-3"><DateTime value={n.createdAt} /></td>
                  <td className="py-2 pr-3">{n.kind.toLowerCase()}{n.incident ? ` · ${n.incident.kind} (${n.incident.subject})` : ""}</td>
                  <td className="break-all py-2 pr-3 font-mono text-xs">{n.channel.label}</td>
                  <td className="py-2 pr-3"><Badge tone={TONE[n.status]}>{n.status.toLowerCase()}</Badge> {n.attempts > 1 ? `${n.attempts} attempts` : null}</td>
                  <td className="py-2 text-red-800">{n.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
