import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center" data-testid="not-found">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing at this address. It may have been mistyped.</p>
      <p className="mt-4"><Link href="/payments" className={linkClass}>Go to payments</Link></p>
    </div>
  );
}
