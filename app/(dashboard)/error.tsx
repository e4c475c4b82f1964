"use client";

import { buttonClass } from "@/components/ui/styles";

// Errors are logged on the server; the page shows only that something failed and a way to retry.
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-red-200 bg-white p-8 text-center" role="alert">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">The page could not be loaded. It has been logged; try again in a moment.</p>
      <button type="button" onClick={reset} className={`${buttonClass.secondary} mt-4`}>Try again</button>
    </div>
  );
}
