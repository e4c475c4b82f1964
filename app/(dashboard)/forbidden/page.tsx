import Link from "next/link";
import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { linkClass } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Admins only" };

export default async function ForbiddenPage() {
  await requireUser("/forbidden");
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center" data-testid="forbidden">
      <h1 className="text-xl font-semibold">Admins only</h1>
      <p className="mt-2 text-sm text-slate-600">This page changes how Malipo works, so only an admin can open it. Ask an admin if you need something done here.</p>
      <p className="mt-4"><Link href="/" className={linkClass}>Back to the overview</Link></p>
    </div>
  );
}
