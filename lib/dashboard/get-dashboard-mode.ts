import "server-only";
import { cookies } from "next/headers";
import { DASHBOARD_MODE_COOKIE, parseDashboardMode, type DashboardMode } from "@/lib/dashboard/mode";

/** The mode the current user chose to view (live unless they switched to test). */
export async function getDashboardMode(): Promise<DashboardMode> {
  return parseDashboardMode((await cookies()).get(DASHBOARD_MODE_COOKIE)?.value);
}
