// Shown while a dashboard page loads its figures from the database.
export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-4">
      <p className="sr-only">Loading…</p>
      <div className="h-8 w-56 animate-pulse rounded bg-slate-200" />
      <div className="grid gap-4 md:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => <div key={i} className="h-32 animate-pulse rounded-lg bg-slate-200" />)}
      </div>
      <div className="h-48 animate-pulse rounded-lg bg-slate-100" />
    </div>
  );
}
