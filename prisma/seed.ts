// npm run db:seed – demo users and storefront (demo mode only; production creates users with user:create).
import { getEnv } from "@/lib/env";
import { createPrisma } from "@/lib/db/client";
import { withDatabase } from "@/lib/db/embedded";
import { demoLogins } from "@/lib/demo/demo-secrets";
import { seedDemoData } from "@/lib/launcher/seed-demo-data";

const env = getEnv();
if (!env.demo) {
  console.error("Refusing to seed demo data in production mode. Create the first admin with: npm run user:create -- --email you@example.com --name \"You\" --role ADMIN");
  process.exit(1);
}
await withDatabase(env, async (url) => {
  const db = createPrisma(url, 2);
  try {
    const result = await seedDemoData(db, demoLogins(env.demo!.secrets));
    console.log(result.created ? "demo data created" : "demo data already present");
    console.log(`  admin:   ${result.admin.email} / ${result.admin.password}`);
    console.log(`  finance: ${result.finance.email} / ${result.finance.password}`);
    console.log(`  storefront "${result.storefront.name}" test API key: ${result.storefront.testApiKey}`);
  } finally {
    await db.$disconnect();
  }
});
