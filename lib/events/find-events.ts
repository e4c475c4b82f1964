import type { Db } from "@/lib/db/client";
import { EVENT_RETENTION_DAYS, type ListEventsQuery } from "@/lib/events/schemas";
import { AppError } from "@/lib/errors";
import type { Mode, Prisma, WebhookEvent } from "@/lib/generated/prisma/client";

export interface FindEventsOptions extends ListEventsQuery {
  storefrontId: string;
  mode: Mode;
  now?: Date;
}

/**
 * A page of a storefront's events in one mode from the last 30 days, newest first. `starting_after`
 * (the last id of a page) goes to older events, `ending_before` (the first id) to newer ones; ties
 * on the creation time are broken by id, so pages never skip or repeat an event.
 */
export async function findEvents(db: Db, options: FindEventsOptions): Promise<{ data: WebhookEvent[]; hasMore: boolean }> {
  const { storefrontId, mode, types, limit, startingAfter, endingBefore, now = new Date() } = options;
  const scope: Prisma.WebhookEventWhereInput = { storefrontId, mode, createdAt: { gte: retentionStart(now) } };
  const filters: Prisma.WebhookEventWhereInput[] = [scope, { type: { in: types } }];
  const cursorId = startingAfter ?? endingBefore;
  if (cursorId) {
    const cursor = await db.webhookEvent.findFirst({ where: { ...scope, id: cursorId }, select: { id: true, createdAt: true } });
    const param = startingAfter ? "starting_after" : "ending_before";
    if (!cursor) throw new AppError("invalid_request", `${param}: no such event '${JSON.stringify(cursorId).slice(1, -1)}'`, { param });
    const op = startingAfter ? "lt" : "gt";
    filters.push({ OR: [{ createdAt: { [op]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [op]: cursor.id } }] });
  }
  // Paging backwards reads oldest first from the cursor, then turns the page around.
  const direction = endingBefore ? "asc" : "desc";
  const rows = await db.webhookEvent.findMany({ where: { AND: filters }, orderBy: [{ createdAt: direction }, { id: direction }], take: limit + 1 });
  const page = rows.slice(0, limit);
  return { data: endingBefore ? page.reverse() : page, hasMore: rows.length > limit };
}

/** The oldest creation time the events API still shows. */
export function retentionStart(now: Date): Date {
  return new Date(now.getTime() - EVENT_RETENTION_DAYS * 24 * 3600_000);
}
