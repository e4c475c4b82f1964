import type { Mode } from "@/lib/generated/prisma/client";

/**
 * Both modes, for a query of payments by status across modes: naming them lets the (mode, status,
 * created_at) index serve it, since no index of payments leads with the status (each index costs
 * every payment write, the expiry sweep's included). Prisma binds enum values as parameters, which
 * the planner cannot match against a partial index's `status = …` predicate, so those do not serve it.
 */
export const EVERY_MODE: readonly Mode[] = ["TEST", "LIVE"];
