import { createHmac } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { DEMO_ADMIN_EMAIL, type DemoLogins } from "@/lib/demo/demo-secrets";
import { LEGACY_DEMO_DATA_SECRET } from "@/lib/env";
import { createId } from "@/lib/ids";
import { hashApiKey } from "@/lib/storefronts/api-key-secret";
import { createApiKey } from "@/lib/storefronts/create-api-key";

/**
 * Demo mode only: an admin, a finance user and a demo storefront with a test API key, so a fresh
 * clone can be tried at once, with this installation's random logins (lib/demo/demo-secrets.ts).
 * Production never seeds.
 */

export const DEMO_STOREFRONT_NAME = "Demo Shop";

export interface DemoCredentials extends Omit<DemoLogins, "testApiKey"> {
  storefront: { id: string; name: string; testApiKey: string };
}

export async function seedDemoData(db: Db, logins: DemoLogins): Promise<DemoCredentials & { created: boolean }> {
  let created = false;
  for (const [user, role, name] of [[logins.admin, "ADMIN", "Demo Admin"], [logins.finance, "FINANCE", "Demo Finance"]] as const) {
    const existing = await db.user.findUnique({ where: { email: user.email } });
    if (!existing) {
      await db.user.create({ data: { id: createId("usr"), email: user.email, name, role, passwordHash: await hashPassword(user.password) } });
      created = true;
    } else if (await verifyPassword(existing.passwordHash, legacyDemoSecret(user.email === DEMO_ADMIN_EMAIL ? "admin" : "finance"))) {
      // Seeded by an earlier version, whose password anyone could compute from the source: replace it.
      await db.user.update({ where: { id: existing.id }, data: { passwordHash: await hashPassword(user.password) } });
    }
  }
  let storefront = await db.storefront.findFirst({ where: { name: DEMO_STOREFRONT_NAME }, orderBy: { createdAt: "asc" } });
  if (!storefront) {
    storefront = await db.storefront.create({ data: { id: createId("sf"), name: DEMO_STOREFRONT_NAME } });
    created = true;
  }
  // The same for the computable test key of earlier versions.
  await db.apiKey.updateMany({ where: { hash: hashApiKey(legacyDemoSecret("storefront-test-key")), revokedAt: null }, data: { revokedAt: new Date() } });
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(logins.testApiKey) } });
  if (!key) {
    await createApiKey(db, { storefrontId: storefront.id, mode: "TEST", name: "Demo test key", secret: logins.testApiKey });
    created = true;
  }
  return { admin: logins.admin, finance: logins.finance, storefront: { id: storefront.id, name: storefront.name, testApiKey: logins.testApiKey }, created };
}

/** What earlier versions derived from the public default DATA_SECRET (admin-…, finance-…, sk_test_…). */
function legacyDemoSecret(label: "admin" | "finance" | "storefront-test-key"): string {
  const derive = (length: number) => createHmac("sha256", LEGACY_DEMO_DATA_SECRET).update(label).digest("base64url").replace(/[-_]/g, "x").slice(0, length);
  return label === "storefront-test-key" ? `sk_test_${derive(32)}` : `${label}-${derive(12)}`;
}

