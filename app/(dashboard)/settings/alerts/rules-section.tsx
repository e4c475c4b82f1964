import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { inputClass, labelClass } from "@/components/ui/styles";
import { saveAlertRuleAction } from "@/lib/actions/alerts";
import type { AlertSettings } from "@/lib/alerts/find-alert-settings";

/** One form per condition: on or off, and its threshold where it has one. */
export function RulesSection({ rules }: { rules: AlertSettings["rules"] }) {
  return (
    <Card title="Conditions" id="rules">
      <ul className="divide-y divide-slate-100 text-sm" data-testid="alert-rules">
        {rules.map((r) => (
          <li key={r.kind} className="py-3" data-testid="alert-rule" data-kind={r.kind}>
            <ActionForm action={saveAlertRuleAction} submitLabel="Save" tone="secondary" className="grid gap-2 md:grid-cols-[1fr_auto] md:items-end">
              <div>
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {r.title} <Badge tone={r.severity === "critical" ? "red" : "amber"}>{r.severity}</Badge>
                  {r.enabled ? null : <Badge tone="slate">Off</Badge>}
                </p>
                <p className="mt-1 text-slate-600">{r.description}</p>
                <input type="hidden" name="kind" value={r.kind} />
                <div className="mt-2 flex flex-wrap items-end gap-4">
                  <label className="inline-flex items-center gap-1.5">
                    <input type="checkbox" name="enabled" defaultChecked={r.enabled} className="h-4 w-4 accent-emerald-700" /> Alert on this
                  </label>
                  {r.thresholdSpec ? (
                    <div>
                      <label htmlFor={`threshold-${r.kind}`} className={labelClass}>{r.thresholdSpec.label} ({r.thresholdSpec.unit})</label>
                      <input id={`threshold-${r.kind}`} name="threshold" type="number" inputMode="numeric" min={r.thresholdSpec.min} max={r.thresholdSpec.max}
                        defaultValue={r.threshold ?? ""} placeholder={String(r.thresholdSpec.default)} className={`${inputClass} mt-1 w-32`} />
                    </div>
                  ) : null}
                </div>
              </div>
            </ActionForm>
          </li>
        ))}
      </ul>
    </Card>
  );
}
