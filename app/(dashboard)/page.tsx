import { redirect } from "next/navigation";
import { auth, signOut } from "@/lib/auth/auth";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const session = await auth();
  if (!session?.user) redirect("/login");
  const counts = await getDb().payment.groupBy({ by: ["status"], _count: { _all: true } });
  return (
    <main className="mx-auto max-w-5xl p-8">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold" data-testid="overview-title">Overview</h1>
        <form action={async () => { "use server"; await signOut({ redirectTo: "/login" }); }}>
          <span className="mr-3 text-sm text-slate-600">{session.user.email} · {session.user.role}</span>
          <button className="rounded-md border border-slate-300 px-3 py-1 text-sm">Sign out</button>
        </form>
      </div>
      <ul className="mt-6 grid grid-cols-2 gap-4 sm:grid-cols-4">
        {counts.map((c) => (
          <li key={c.status} className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="text-xs uppercase text-slate-500">{c.status}</div>
            <div className="text-2xl font-semibold">{c._count._all}</div>
          </li>
        ))}
      </ul>
    </main>
  );
}
