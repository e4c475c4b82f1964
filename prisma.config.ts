import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7 reads the datasource URL here, not from schema.prisma. Migrations are applied by our own
// offline applier (lib/db/migrate.ts) in Prisma's layout, so `prisma migrate deploy` agrees with it.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54329/malipo" },
});
