"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { createFormAction } from "@/lib/actions/create-action";
import { DASHBOARD_MODE_COOKIE } from "@/lib/dashboard/mode";
import { getEnv } from "@/lib/env";

/** Shows live or test data across the dashboard (a cookie: the choice follows the user between pages). */
export const setDashboardModeAction = createFormAction(
  { name: "preferences.set_mode", schema: z.object({ mode: z.enum(["live", "test"]) }), auth: "user" },
  async ({ mode }) => {
    (await cookies()).set(DASHBOARD_MODE_COOKIE, mode, { httpOnly: true, sameSite: "lax", path: "/", secure: getEnv().publicUrl.startsWith("https://") });
  },
);
