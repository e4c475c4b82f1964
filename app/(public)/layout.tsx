import Link from "next/link";

// Pages anyone may read (the API reference documents a public API): no session, no dashboard chrome.
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/api-reference" className="text-lg font-semibold text-emerald-800">Malipo <span className="font-normal text-slate-600">developers</span></Link>
          <Link href="/" className="text-sm font-medium text-slate-700 hover:underline" data-testid="dashboard-link">Dashboard</Link>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
