import { RelativeTime } from "@/components/ui/relative-time";
import { formatEat, formatUtc } from "@/lib/time/eat";

/**
 * An instant in East Africa Time, with UTC on hover and in the machine-readable attribute, and how
 * long ago it was beside it (`relative={false}` where that says nothing, e.g. a list of old events).
 * `stacked` puts the relative time on its own line (narrow table cells).
 */
export function DateTime({ value, suffix = false, relative = true, stacked = false }: { value: Date | string | null | undefined; suffix?: boolean; relative?: boolean; stacked?: boolean }) {
  if (!value) return <span className="text-slate-500">—</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  return (
    <span className={stacked ? "inline-flex flex-col" : "inline"}>
      <time dateTime={date.toISOString()} title={formatUtc(date)} className="whitespace-nowrap tabular-nums">
        {formatEat(date)}
        {suffix ? " EAT" : ""}
      </time>
      {relative ? <RelativeTime value={date} className={stacked ? "" : "ml-1 whitespace-nowrap"} /> : null}
    </span>
  );
}
