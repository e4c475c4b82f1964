import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryCredentials } from "@/lib/alerts/conditions/query-credentials";
import { openDarajaConfigurationAlert, raiseDarajaConfigurationAlert, resolveDarajaConfigurationAlert } from "@/lib/alerts/daraja-configuration-alert";
import { VODACOM_RAIL } from "@/lib/collection-accounts/vodacom-account-settings";
import { createPrisma } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

const T = new Date("2026-12-09T08:00:00.000Z");
const wrong = { message: "Wrong credentials", errorCode: "500.001.1001" };

/**
 * One configuration alert per collection account: a Daraja shortcode refused while another account
 * of the same mode (another shortcode, or Vodacom) keeps working stays raised until its own
 * provider answers it, and each says which provider and which settings to fix.
 */
describe("configuration alerts per collection account", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const kenya = { mode: "LIVE" as const, collectionAccountId: "acct_cfg_kenya" };
  const nairobi = { mode: "LIVE" as const, collectionAccountId: "acct_cfg_nairobi" };
  const tanzania = { mode: "LIVE" as const, collectionAccountId: "acct_cfg_tz" };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 2);
    const { id: storefrontId } = await insertStorefront(db, "Config Shop");
    await db.collectionAccount.create({ data: { id: kenya.collectionAccountId, storefrontId, mode: "LIVE", name: "Mombasa till", source: "DASHBOARD" } });
    await db.collectionAccount.create({ data: { id: nairobi.collectionAccountId, storefrontId, mode: "LIVE", name: "Nairobi paybill", source: "ENVIRONMENT" } });
    await db.collectionAccount.create({ data: { id: tanzania.collectionAccountId, storefrontId, mode: "LIVE", name: "Dar till", source: "ENVIRONMENT", rail: VODACOM_RAIL, currency: "TZS" } });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("keeps one account's alert while another account of the mode succeeds, and names provider and settings", async () => {
    await raiseDarajaConfigurationAlert(db, { subject: kenya, error: wrong, during: "push", now: T });
    await raiseDarajaConfigurationAlert(db, { subject: tanzania, error: { message: "Invalid API key" }, during: "status query", now: T });
    // The other Daraja account's push is accepted: only its own (absent) alert is resolved.
    await resolveDarajaConfigurationAlert(db, { subject: nairobi, now: T });
    expect(await openDarajaConfigurationAlert(db, kenya)).toBe(
      "Daraja refused Malipo's configuration for live payments of collection account acct_cfg_kenya on a push: Wrong credentials (500.001.1001). "
      + "Its payments cannot be confirmed by status query until the account's settings on its storefront's Collection accounts page are fixed.",
    );
    expect(await openDarajaConfigurationAlert(db, tanzania)).toMatch(/^Vodacom refused .* acct_cfg_tz on a status query: Invalid API key\. .*until the VODACOM_LIVE_\* settings are fixed\.$/);
    const findings = await queryCredentials.evaluate({ db, now: T, env: {} as Env, threshold: null });
    expect(findings.map((f) => f.subject).sort()).toEqual(["LIVE:acct_cfg_kenya", "LIVE:acct_cfg_tz"]);

    await resolveDarajaConfigurationAlert(db, { subject: kenya, now: T });
    expect(await openDarajaConfigurationAlert(db, kenya)).toBeNull();
    expect(await openDarajaConfigurationAlert(db, tanzania)).not.toBeNull();
  });

  it("resolves the mode's alert of before there was one per account when an account of the mode answers", async () => {
    const legacy = { mode: "TEST" as const, collectionAccountId: null };
    await raiseDarajaConfigurationAlert(db, { subject: legacy, error: wrong, during: "status query", now: T });
    await resolveDarajaConfigurationAlert(db, { subject: { mode: "TEST", collectionAccountId: "acct_any_test" }, now: T });
    expect(await openDarajaConfigurationAlert(db, legacy)).toBeNull();
  });

  it("keeps the mode's alert for payments without a collection account", async () => {
    const bare = { mode: "TEST" as const, collectionAccountId: null };
    await raiseDarajaConfigurationAlert(db, { subject: bare, error: wrong, during: "status query", now: T });
    expect(await openDarajaConfigurationAlert(db, bare)).toMatch(/^Daraja refused .*for test payments on a status query: .*until the DARAJA_TEST_\* settings are fixed\.$/);
    expect((await db.operatorAlert.findFirstOrThrow({ where: { mode: "TEST" } })).key).toBe("daraja_configuration:TEST");
  });
});
