"use client";

import { useEffect } from "react";

/**
 * With JavaScript, asks the status endpoint every 2 s and reloads the page when the checkout moves
 * on; it stops at a final state. Without JavaScript the page's refresh tag does the same, slower.
 */
export function LiveStatus({ token, stage }: { token: string; stage: string }) {
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      if (stopped) return;
      const res = await fetch(`/pay/${token}/status`, { cache: "no-store" }).catch(() => null);
      if (!res?.ok) return;
      const body = (await res.json()) as { stage: string; final: boolean };
      if (body.stage !== stage) {
        stopped = true;
        clearInterval(timer);
        window.location.reload();
      } else if (body.final) {
        stopped = true;
        clearInterval(timer);
      }
    }, 2_000);
    return () => { stopped = true; clearInterval(timer); };
  }, [token, stage]);
  return null;
}
