// Distinct colours per method help scanning; the method is always written out too.
const TONES: Record<string, string> = {
  GET: "bg-sky-50 text-sky-900 ring-sky-600/40",
  POST: "bg-emerald-50 text-emerald-900 ring-emerald-600/40",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 font-mono text-xs font-bold ring-1 ring-inset ${TONES[method] ?? "bg-slate-100 text-slate-800 ring-slate-500/40"}`}>
      {method}
    </span>
  );
}
