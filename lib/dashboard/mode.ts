import { dbModeOf, type PublicMode } from "@/lib/payments/public-payment";

/**
 * The dashboard shows one mode at a time — live by default — so test payments never mix into the
 * figures finance reports. The choice is a cookie, so it follows the user from page to page.
 * Demo mode opens on test data while there is no live API key: the newcomer's payments are all tests.
 */
export type DashboardMode = PublicMode;

export const DASHBOARD_MODE_COOKIE = "malipo_mode";

export function parseDashboardMode(value: string | undefined | null): DashboardMode {
  return value === "test" ? "test" : "live";
}

export function modeToDb(mode: DashboardMode): "LIVE" | "TEST" {
  return dbModeOf(mode);
}

/** The mode shown to someone who has not chosen one. */
export function defaultDashboardMode({ demo, activeLiveKeys }: { demo: boolean; activeLiveKeys: number }): DashboardMode {
  return demo && activeLiveKeys === 0 ? "test" : "live";
}
