import type { Db } from "@/lib/db/client";
import type { Mode } from "@/lib/generated/prisma/client";
import type { StatementImportReport } from "./statement-import-report";

/** The newest imports of a mode, with their account's name and the report the uploader saw. */
export async function findStatementImports(db: Db, { mode, take = 20 }: { mode: Mode; take?: number }) {
  const rows = await db.statementImport.findMany({
    where: { mode }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take,
    include: { collectionAccount: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...r, id: String(r.id), report: r.report as unknown as StatementImportReport }));
}

/** The collection accounts a statement can be uploaded for in this mode, with their storefront. */
export async function findStatementAccounts(db: Db, { mode }: { mode: Mode }) {
  const rows = await db.collectionAccount.findMany({
    where: { mode }, orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }], select: { id: true, name: true, currency: true, storefront: { select: { name: true } } },
  });
  return rows.map((a) => ({ id: a.id, name: a.name, currency: a.currency, label: `${a.storefront.name} · ${a.name} (${a.currency})` }));
}
