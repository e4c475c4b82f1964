import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { DASHBOARD_MODE_COOKIE, defaultDashboardMode, parseDashboardMode, type DashboardMode } from "@/lib/dashboard/mode";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

/** The mode the current user chose to view, or the default (lib/dashboard/mode.ts). Read once per request. */
export const getDashboardMode = cache(async (): Promise<DashboardMode> => {
  const chosen = (await cookies()).get(DASHBOARD_MODE_COOKIE)?.value;
  if (chosen) return parseDashboardMode(chosen);
  if (!getEnv().demo) return "live";
  const activeLiveKeys = await getDb().apiKey.count({ where: { mode: "LIVE", revokedAt: null } });
  return defaultDashboardMode({ demo: true, activeLiveKeys });
});
