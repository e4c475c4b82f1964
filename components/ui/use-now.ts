"use client";

import { useSyncExternalStore } from "react";
import { RELATIVE_TIME_TICK_MS } from "@/lib/time/relative-time";

// One clock for every relative time on the page: one timer, however many rows show one.
let now = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(tick, RELATIVE_TIME_TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// Stable between ticks, as useSyncExternalStore requires of a snapshot.
function getSnapshot(): number {
  if (!now) now = Date.now();
  return now;
}

/**
 * The browser's time, redrawn every few seconds; null while rendering on the server and hydrating,
 * so the server's HTML never disagrees with the browser's first render.
 */
export function useNow(): Date | null {
  const ms = useSyncExternalStore(subscribe, getSnapshot, () => 0);
  return ms ? new Date(ms) : null;
}
