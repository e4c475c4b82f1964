import { formatEat, formatUtc } from "@/lib/time/eat";

/** An instant in East Africa Time, with UTC on hover and in the machine-readable attribute. */
export function DateTime({ value, suffix = false }: { value: Date | string | null | undefined; suffix?: boolean }) {
  if (!value) return <span className="text-slate-500">—</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()} title={formatUtc(date)} className="whitespace-nowrap tabular-nums">
      {formatEat(date)}
      {suffix ? " EAT" : ""}
    </time>
  );
}
