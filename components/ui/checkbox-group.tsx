import { labelClass } from "@/components/ui/styles";

interface CheckboxGroupProps<V extends string> {
  legend: string;
  /** The query parameter each checked box adds (repeated: ?status=A&status=B). */
  name: string;
  values: readonly V[];
  checked: readonly V[];
  labelOf?: (value: V) => string;
}

const capitalised = (value: string) => value.charAt(0) + value.slice(1).toLowerCase();

/** A fieldset of checkboxes for a multi-value filter held in the URL (statuses, flags, verdicts). */
export function CheckboxGroup<V extends string>({ legend, name, values, checked, labelOf = capitalised }: CheckboxGroupProps<V>) {
  return (
    <fieldset>
      <legend className={labelClass}>{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {values.map((v) => (
          <label key={v} className="inline-flex items-center gap-1.5 text-sm">
            <input type="checkbox" name={name} value={v} defaultChecked={checked.includes(v)} className="h-4 w-4 accent-emerald-700" />
            {labelOf(v)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
