export function Card({ title, children, actions, id }: { title?: React.ReactNode; children: React.ReactNode; actions?: React.ReactNode; id?: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby={title && id ? `${id}-title` : undefined}>
      {title ? (
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
          <h2 id={id ? `${id}-title` : undefined} className="text-base font-semibold">{title}</h2>
          {actions}
        </div>
      ) : null}
      <div className="p-4">{children}</div>
    </section>
  );
}
