"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/payments", label: "Payments" },
  { href: "/attention", label: "Needs attention" },
  { href: "/receipts", label: "Receipts" },
  { href: "/reconciliation", label: "Reconciliation" },
  { href: "/statements", label: "Statements" },
  { href: "/callbacks", label: "Callbacks" },
  { href: "/audit", label: "Audit log" },
  { href: "/api-reference", label: "API reference" },
  { href: "/storefronts", label: "Storefronts", admin: true },
  { href: "/users", label: "Users", admin: true },
  { href: "/settings/alerts", label: "Alerts", admin: true },
];

/** Main navigation; admin-only pages are listed for admins only (the pages refuse others anyway). */
export function NavLinks({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const active = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label="Main" className="mx-auto max-w-7xl overflow-x-auto px-4">
      <ul className="flex gap-1">
        {LINKS.filter((l) => !l.admin || isAdmin).map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={active(l.href) ? "page" : undefined}
              className={`block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-emerald-600 ${active(l.href) ? "border-emerald-700 text-emerald-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
