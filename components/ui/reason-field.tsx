import { inputClass, labelClass } from "@/components/ui/styles";

/** The reason every admin action asks for; it is written to the audit log. */
export function ReasonField({ id, placeholder = "Why? (kept in the audit log)" }: { id: string; placeholder?: string }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>Reason</label>
      <textarea id={id} name="reason" required minLength={3} maxLength={500} rows={2} placeholder={placeholder} className={`${inputClass} mt-1`} />
    </div>
  );
}
