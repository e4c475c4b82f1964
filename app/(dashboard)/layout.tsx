import Link from "next/link";
import { SearchShortcut } from "@/components/ui/search-shortcut";
import { TestBadge } from "@/components/ui/status-badge";
import { signOutAction } from "@/lib/actions/session";
import { setDashboardModeAction } from "@/lib/actions/preferences";
import { requireSignedIn } from "@/lib/auth/guards";
import { getDashboardMode } from "@/lib/dashboard/get-dashboard-mode";
import { NavLinks } from "./nav-links";

export const dynamic = "force-dynamic";

// Every page below checks access itself as well: this layout is the frame, not the only gate.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // The frame only: each page checks its own level (an admin still enrolling reaches /account alone).
  const user = await requireSignedIn();
  const mode = await getDashboardMode();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-center gap-3">
            <Link href="/" className="text-lg font-semibold text-emerald-800">Malipo</Link>
            {mode === "test" ? <TestBadge /> : null}
          </div>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <form action={setDashboardModeAction} className="flex items-center gap-2">
              <input type="hidden" name="mode" value={mode === "live" ? "test" : "live"} />
              <span className="text-slate-600" data-testid="current-mode">Viewing {mode === "live" ? "live" : "test"} data</span>
              <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600" data-testid="mode-switch">
                Switch to {mode === "live" ? "test" : "live"}
              </button>
            </form>
            <Link href="/account" className="text-slate-700 hover:underline" data-testid="current-user">
              {user.email} · <span className="font-medium">{user.role === "ADMIN" ? "Admin" : "Finance"}</span>
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600">Sign out</button>
            </form>
          </div>
        </div>
        <NavLinks isAdmin={user.role === "ADMIN"} />
      </header>
      {mode === "test" ? (
        <div role="status" className="border-b border-amber-400 bg-amber-100 px-4 py-2 text-center text-sm font-semibold text-amber-950" data-testid="test-banner">
          TEST MODE — you are looking at test payments made with sk_test_ keys. No real money moved. Live data is hidden.
        </div>
      ) : null}
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      <SearchShortcut />
    </div>
  );
}
