import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";

const MODES: readonly Mode[] = ["TEST", "LIVE"];

export const ENVIRONMENT_ACCOUNT_NAMES: Record<Mode, string> = {
  TEST: "Test account (DARAJA_TEST_* settings)",
  LIVE: "Live account (DARAJA_LIVE_* settings)",
};

/**
 * The environment's Daraja settings (the simulator in demo) become a storefront's first account
 * of a mode, and its default, when the storefront has no account of that mode yet. One statement:
 * it inserts only if no account of the storefront, mode and rail exists, and the partial unique
 * indexes (one environment account, one default) turn a second process's insert into nothing, so
 * two processes starting at once cannot create two. Returns whether this call created it.
 */
export async function ensureEnvironmentAccount(db: Db, env: Env, { storefrontId, mode }: { storefrontId: string; mode: Mode }): Promise<boolean> {
  if (!(mode === "LIVE" ? env.daraja.live : env.daraja.test)) return false;
  const inserted = await db.$executeRaw`
    INSERT INTO collection_accounts (id, storefront_id, mode, rail, name, source, is_default, updated_at)
    SELECT ${createId("acct")}, ${storefrontId}, ${mode}::"Mode", ${DARAJA_RAIL}, ${ENVIRONMENT_ACCOUNT_NAMES[mode]},
           'ENVIRONMENT', true, now()
     WHERE EXISTS (SELECT 1 FROM storefronts WHERE id = ${storefrontId})
       AND NOT EXISTS (SELECT 1 FROM collection_accounts WHERE storefront_id = ${storefrontId} AND mode = ${mode}::"Mode" AND rail = ${DARAJA_RAIL})
    ON CONFLICT DO NOTHING`;
  return inserted > 0;
}

/** At start: every storefront gets its environment account for each configured mode it lacks. */
export async function bootstrapEnvironmentAccounts(db: Db, env: Env): Promise<number> {
  const storefronts = await db.storefront.findMany({ select: { id: true } });
  let created = 0;
  for (const { id } of storefronts) {
    for (const mode of MODES) if (await ensureEnvironmentAccount(db, env, { storefrontId: id, mode })) created++;
  }
  return created;
}
