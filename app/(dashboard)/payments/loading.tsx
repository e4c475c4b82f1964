// Shown while the server filters a new page of payments.
export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-3">
      <p className="sr-only">Loading payments…</p>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-24 animate-pulse rounded-lg bg-slate-200" />
      {Array.from({ length: 8 }, (_, i) => <div key={i} className="h-9 animate-pulse rounded bg-slate-100" />)}
    </div>
  );
}
