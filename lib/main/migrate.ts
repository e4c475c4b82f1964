// npm run db:migrate – applies pending SQL migrations to DATABASE_URL (or the embedded database).
import { getEnv } from "@/lib/env";
import { migrate } from "@/lib/db/migrate";
import { withDatabase } from "@/lib/db/embedded";

const env = getEnv();
await withDatabase(env, async (url) => {
  const result = await migrate(url);
  console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
  for (const name of result.applied) console.log(`  applied ${name}`);
});
