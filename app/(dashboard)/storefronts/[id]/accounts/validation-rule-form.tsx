import { ActionForm } from "@/components/ui/action-form";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { setC2bValidationRuleAction } from "@/lib/actions/c2b";
import type { C2bValidationRule } from "@/lib/generated/prisma/client";

const RULES: { value: C2bValidationRule; label: string }[] = [
  { value: "ACCEPT_ALL", label: "Accept every payment" },
  { value: "OPEN_PAYMENT", label: "Only the reference (and amount) of a payment awaiting money" },
  { value: "PATTERN", label: "Only account numbers matching a pattern" },
];

/** How this storefront answers C2B validation requests (answered within Daraja's ~8 s). */
export function ValidationRuleForm({ storefrontId, rule, pattern }: { storefrontId: string; rule: C2bValidationRule; pattern: string | null }) {
  return (
    <ActionForm action={setC2bValidationRuleAction} submitLabel="Save rule" tone="secondary" className="space-y-2 text-sm" testId="validation-rule-form">
      <input type="hidden" name="storefrontId" value={storefrontId} />
      <fieldset className="space-y-1">
        <legend className={labelClass}>Rule</legend>
        {RULES.map((r) => (
          <label key={r.value} className="flex items-center gap-2"><input type="radio" name="rule" value={r.value} defaultChecked={r.value === rule} /> {r.label}</label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="validation-pattern" className={labelClass}>Pattern (regular expression, whole account number, any case)</label>
        <input id="validation-pattern" name="pattern" defaultValue={pattern ?? ""} placeholder="INV-\d{4}" maxLength={200} className={`${inputClass} mt-1 font-mono`} />
      </div>
      <ReasonField id="validation-reason" />
    </ActionForm>
  );
}
