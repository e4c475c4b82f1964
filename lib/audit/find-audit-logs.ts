import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addEatDays, eatDayStart } from "@/lib/time/eat";
import { paginated, type Paginated } from "@/lib/db/paginated";

/** The audit log's filters and page (the dashboard reads them from the URL: audit-search-params.ts). */
export interface AuditSearch {
  action: string;
  entityType: string;
  entityId: string;
  actor: string;
  /** EAT calendar days, "YYYY-MM-DD". */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** Audit rows, newest first, filtered by action, record, actor and EAT dates. */
export async function findAuditLogs(db: Db, search: AuditSearch): Promise<Paginated<AuditRow>> {
  const createdAt: Prisma.DateTimeFilter = {};
  if (search.from) createdAt.gte = eatDayStart(search.from);
  if (search.to) createdAt.lt = eatDayStart(addEatDays(search.to, 1));
  const where: Prisma.AuditLogWhereInput = {
    ...(search.action ? { action: search.action } : {}),
    ...(search.entityType ? { entityType: search.entityType } : {}),
    ...(search.entityId ? { entityId: search.entityId } : {}),
    ...(search.actor ? { actorEmail: { startsWith: search.actor.toLowerCase() } } : {}),
    ...(search.from || search.to ? { createdAt } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (search.page - 1) * search.pageSize, take: search.pageSize }),
    db.auditLog.count({ where }),
  ]);
  return paginated(
    rows.map((r) => ({ ...r, id: r.id.toString() })),
    total,
    search.page,
    search.pageSize,
  );
}

/** The distinct actions recorded so far, for the filter's choices. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
