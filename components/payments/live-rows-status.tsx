"use client";

import { statusLabel } from "@/components/ui/status-badge";
import type { LivePaymentRows } from "@/components/payments/use-live-payment-rows";

/**
 * A line above the table saying that waiting rows are being watched, and a polite announcement of
 * what changed, so nobody has to reload to see a customer's PIN land (nor wonder whether it did).
 */
export function LiveRowsStatus({ live }: { live: LivePaymentRows }) {
  const announcement = live.lastChange.map((r) => `${r.reference} is now ${statusLabel(r.status)}`).join(". ");
  return (
    <div className="mb-2 flex min-h-5 items-center gap-2 text-xs text-slate-600">
      {live.waiting > 0 && !live.stopped ? (
        <span data-testid="live-refresh" className="inline-flex items-center gap-1.5">
          <span className="h-2 w-2 animate-pulse rounded-full bg-emerald-600" aria-hidden="true" />
          Watching {live.waiting} payment{live.waiting === 1 ? "" : "s"} waiting on M-Pesa; they update by themselves.
        </span>
      ) : null}
      {live.stopped ? <span data-testid="live-refresh-stopped">Updates stopped: sign in again to see new statuses.</span> : null}
      <span role="status" aria-live="polite" className="sr-only" data-testid="live-announcement">{announcement}</span>
    </div>
  );
}
