"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { DashboardMode } from "@/lib/dashboard/mode";
import {
  changedRows, isWaitingOnMpesa, nextRefreshDelay, paymentUpdatesResponseSchema, PAYMENT_UPDATES_PATH, REFRESH_BASE_MS,
} from "@/lib/dashboard/payment-updates";
import type { PaymentRow } from "@/lib/payments/payment-row";

export interface LivePaymentRows {
  rows: PaymentRow[];
  /** How many shown rows still wait on M-Pesa (and are being refreshed). */
  waiting: number;
  /** What the last refresh changed, for the screen-reader announcement: "INV1 is now Succeeded". */
  lastChange: PaymentRow[];
  /** The refresh stopped on an answer it cannot recover from (signed out). */
  stopped: boolean;
}

/**
 * The server's page of rows, with the rows still waiting on M-Pesa asked for again (a small JSON
 * request, not a page reload) until none waits. Asks quickly at first and less often while nothing
 * moves; pauses while the tab is hidden and asks at once when it is shown again.
 */
export function useLivePaymentRows(initial: PaymentRow[], mode: DashboardMode): LivePaymentRows {
  const [fresh, setFresh] = useState<{ base: PaymentRow[]; byId: Map<string, PaymentRow>; lastChange: PaymentRow[] }>({ base: initial, byId: new Map(), lastChange: [] });
  const [stopped, setStopped] = useState(false);
  // A new page from the server (navigation, filters) replaces whatever was refreshed before.
  const current = fresh.base === initial ? fresh : { base: initial, byId: new Map<string, PaymentRow>(), lastChange: [] };
  const rows = useMemo(() => initial.map((r) => current.byId.get(r.id) ?? r), [initial, current.byId]);
  const waitingIds = rows.filter((r) => isWaitingOnMpesa(r.status)).map((r) => r.id);
  const waitingKey = waitingIds.join(",");
  const rowsRef = useRef(rows);
  useEffect(() => { rowsRef.current = rows; });

  useEffect(() => {
    if (!waitingKey || stopped) return;
    let delay = REFRESH_BASE_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    let busy = false;
    const controller = new AbortController();
    const schedule = (ms: number) => {
      if (cancelled || document.hidden) return;
      timer = setTimeout(refresh, ms);
    };
    const refresh = async () => {
      timer = undefined;
      if (busy) return;
      busy = true;
      let changed = false;
      try {
        const res = await fetch(`${PAYMENT_UPDATES_PATH}?ids=${encodeURIComponent(waitingKey)}&mode=${mode}`, { cache: "no-store", signal: controller.signal });
        if (res.status === 401 || res.status === 403) {
          setStopped(true);
          return;
        }
        if (res.ok) {
          const { data } = paymentUpdatesResponseSchema.parse(await res.json());
          const moved = changedRows(rowsRef.current, data);
          if (moved.length && !cancelled) {
            changed = true;
            setFresh((prev) => {
              const base = prev.base === initial ? prev : { base: initial, byId: new Map<string, PaymentRow>(), lastChange: [] };
              const byId = new Map(base.byId);
              for (const r of moved) byId.set(r.id, r);
              return { base: initial, byId, lastChange: moved };
            });
          }
        }
      } catch {
        // A dropped connection or a restarting server: try again later, less often.
      } finally {
        busy = false;
      }
      // A change re-runs this effect with the new set of waiting rows (or stops it when none is left).
      if (!changed) schedule((delay = nextRefreshDelay(delay, false)));
    };
    const onVisibility = () => {
      if (document.hidden) {
        if (timer) clearTimeout(timer);
        timer = undefined;
      } else if (!timer) {
        delay = REFRESH_BASE_MS;
        void refresh();
      }
    };
    document.addEventListener("visibilitychange", onVisibility);
    schedule(delay);
    return () => {
      cancelled = true;
      controller.abort();
      if (timer) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [waitingKey, mode, stopped, initial]);

  return { rows, waiting: waitingIds.length, lastChange: current.lastChange, stopped };
}
