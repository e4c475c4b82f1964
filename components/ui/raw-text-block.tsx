import { prettyBody } from "@/lib/dashboard/pretty-body";

/**
 * A payload exactly as received, pretty-printed when it is JSON. React escapes it as text: a body
 * holding "<script>" shows those characters and runs nothing.
 */
export function RawTextBlock({ text, label, maxHeight = "max-h-96" }: { text: string | null | undefined; label: string; maxHeight?: string }) {
  if (text === null || text === undefined || text === "") return <p className="text-sm text-slate-500">(empty)</p>;
  return (
    <pre aria-label={label} tabIndex={0} className={`${maxHeight} overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100 focus:outline-none focus:ring-2 focus:ring-emerald-500`}>
      {prettyBody(text)}
    </pre>
  );
}

/** A JSON value (event data, audit before/after) as indented text. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  if (value === null || value === undefined) return <span className="text-slate-500">—</span>;
  return <RawTextBlock text={JSON.stringify(value, null, 2)} label={label} maxHeight="max-h-64" />;
}
