import { DARAJA_RAIL } from "@/lib/collection-accounts/daraja-account-settings";
import { VODACOM_RAIL } from "@/lib/collection-accounts/vodacom-account-settings";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { Mode } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { RAIL_KINDS, type RailKind } from "@/lib/rails/rail";
import { VODACOM_MARKETS } from "@/lib/rails/vodacom/markets";

const MODES: readonly Mode[] = ["TEST", "LIVE"];

export const ENVIRONMENT_ACCOUNT_NAMES: Record<Mode, string> = {
  TEST: "Test account (DARAJA_TEST_* settings)",
  LIVE: "Live account (DARAJA_LIVE_* settings)",
};

export const VODACOM_ENVIRONMENT_ACCOUNT_NAMES: Record<Mode, string> = {
  TEST: "Test Vodacom account (VODACOM_TEST_* settings)",
  LIVE: "Live Vodacom account (VODACOM_LIVE_* settings)",
};

/** The environment's settings of a rail and mode, as the account's name and currency; null when not configured. */
function environmentAccountOf(env: Env, rail: RailKind, mode: Mode): { name: string; currency: string } | null {
  if (rail === VODACOM_RAIL) {
    const settings = mode === "LIVE" ? env.vodacom.live : env.vodacom.test;
    return settings ? { name: VODACOM_ENVIRONMENT_ACCOUNT_NAMES[mode], currency: VODACOM_MARKETS[settings.market].currency } : null;
  }
  return (mode === "LIVE" ? env.daraja.live : env.daraja.test) ? { name: ENVIRONMENT_ACCOUNT_NAMES[mode], currency: "KES" } : null;
}

/** Whether the environment's settings make an account of this rail and mode (ensureEnvironmentAccount can create one). */
export function environmentConfigures(env: Env, rail: RailKind, mode: Mode): boolean {
  return environmentAccountOf(env, rail, mode) !== null;
}

/**
 * The environment's settings of a rail (DARAJA_<MODE>_* or VODACOM_<MODE>_*; the simulators in
 * demo) become a storefront's first account of that rail and mode, and its default, when the
 * storefront has no account of that rail and mode yet. One statement: it inserts only if no such
 * account exists, and the partial unique indexes (one environment account, one default, per rail)
 * turn a second process's insert into nothing, so two processes starting at once cannot create
 * two. Returns whether this call created it.
 */
export async function ensureEnvironmentAccount(db: Db, env: Env, { storefrontId, mode, rail = DARAJA_RAIL }: { storefrontId: string; mode: Mode; rail?: RailKind }): Promise<boolean> {
  const account = environmentAccountOf(env, rail, mode);
  if (!account) return false;
  const inserted = await db.$executeRaw`
    INSERT INTO collection_accounts (id, storefront_id, mode, rail, name, currency, source, is_default, updated_at)
    SELECT ${createId("acct")}, ${storefrontId}, ${mode}::"Mode", ${rail}, ${account.name}, ${account.currency},
           'ENVIRONMENT', true, now()
     WHERE EXISTS (SELECT 1 FROM storefronts WHERE id = ${storefrontId})
       AND NOT EXISTS (SELECT 1 FROM collection_accounts WHERE storefront_id = ${storefrontId} AND mode = ${mode}::"Mode" AND rail = ${rail})
    ON CONFLICT DO NOTHING`;
  return inserted > 0;
}

/** At start: every storefront gets its environment account for each configured rail and mode it lacks. */
export async function bootstrapEnvironmentAccounts(db: Db, env: Env): Promise<number> {
  const storefronts = await db.storefront.findMany({ select: { id: true } });
  let created = 0;
  for (const { id } of storefronts) {
    for (const mode of MODES) {
      for (const rail of RAIL_KINDS) if (await ensureEnvironmentAccount(db, env, { storefrontId: id, mode, rail })) created++;
    }
  }
  return created;
}
