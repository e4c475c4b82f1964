"use client";

import { useNow } from "@/components/ui/use-now";
import { formatRelativeTime } from "@/lib/time/relative-time";

/** "(4 min ago)" beside an EAT time, kept current while the page is open; nothing before the browser runs. */
export function RelativeTime({ value, className = "" }: { value: Date; className?: string }) {
  const now = useNow();
  if (!now) return null;
  return <span className={`text-xs text-slate-500 ${className}`} data-testid="relative-time">({formatRelativeTime(value, now)})</span>;
}
