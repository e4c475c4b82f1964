import { createHmac } from "node:crypto";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { createId } from "@/lib/ids";
import { hashApiKey } from "@/lib/storefronts/api-key-secret";
import { createApiKey } from "@/lib/storefronts/create-api-key";

/**
 * Demo mode only: an admin, a finance user and a demo storefront with a test API key, so a fresh
 * clone can be tried at once. The secrets are derived from DATA_SECRET, so every start prints the
 * same ones; production refuses the default DATA_SECRET, and never seeds.
 */

export const DEMO_ADMIN_EMAIL = "admin@malipo.local";
export const DEMO_FINANCE_EMAIL = "finance@malipo.local";
export const DEMO_STOREFRONT_NAME = "Demo Shop";

export interface DemoCredentials {
  admin: { email: string; password: string };
  finance: { email: string; password: string };
  storefront: { id: string; name: string; testApiKey: string };
}

export function demoCredentials(dataSecret: string): Omit<DemoCredentials, "storefront"> & { testApiKey: string } {
  const derive = (label: string, length: number) =>
    createHmac("sha256", dataSecret).update(label).digest("base64url").replace(/[-_]/g, "x").slice(0, length);
  return {
    admin: { email: DEMO_ADMIN_EMAIL, password: `admin-${derive("admin", 12)}` },
    finance: { email: DEMO_FINANCE_EMAIL, password: `finance-${derive("finance", 12)}` },
    testApiKey: `sk_test_${derive("storefront-test-key", 32)}`,
  };
}

export async function seedDemoData(db: Db, dataSecret: string): Promise<DemoCredentials & { created: boolean }> {
  const creds = demoCredentials(dataSecret);
  let created = false;
  for (const [user, role, name] of [[creds.admin, "ADMIN", "Demo Admin"], [creds.finance, "FINANCE", "Demo Finance"]] as const) {
    const existing = await db.user.findUnique({ where: { email: user.email } });
    if (!existing) {
      await db.user.create({ data: { id: createId("usr"), email: user.email, name, role, passwordHash: await hashPassword(user.password) } });
      created = true;
    }
  }
  let storefront = await db.storefront.findFirst({ where: { name: DEMO_STOREFRONT_NAME }, orderBy: { createdAt: "asc" } });
  if (!storefront) {
    storefront = await db.storefront.create({ data: { id: createId("sf"), name: DEMO_STOREFRONT_NAME } });
    created = true;
  }
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(creds.testApiKey) } });
  if (!key) {
    await createApiKey(db, { storefrontId: storefront.id, mode: "TEST", name: "Demo test key", secret: creds.testApiKey });
    created = true;
  }
  return { admin: creds.admin, finance: creds.finance, storefront: { id: storefront.id, name: storefront.name, testApiKey: creds.testApiKey }, created };
}
