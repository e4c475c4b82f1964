import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { findEvents } from "@/lib/events/find-events";
import { getEventOrThrow } from "@/lib/events/get-event-or-throw";
import { listEventsQuerySchema } from "@/lib/events/schemas";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

const NOW = new Date("2026-12-08T12:00:00.000Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

/** Pagination both ways, ties, the 30-day window and the tenant scope, on real rows and an injected clock. */
describe("findEvents", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const query = (q: Record<string, string>) => listEventsQuerySchema.parse(q);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 2);
    await db.storefront.createMany({ data: [{ id: "sf_a", name: "A" }, { id: "sf_b", name: "B" }] });
    const event = (id: string, createdAt: Date, extra: Partial<Prisma.WebhookEventCreateManyInput> = {}): Prisma.WebhookEventCreateManyInput => ({
      id, storefrontId: "sf_a", mode: "TEST", type: "payment.succeeded", createdAt,
      payload: { id, type: extra.type ?? "payment.succeeded", created: createdAt.toISOString(), livemode: false, data: { object: {} } }, ...extra,
    });
    await db.webhookEvent.createMany({
      data: [
        event("evt_newest000", minutesAgo(1)),
        // Two at the same instant: the id breaks the tie.
        event("evt_tieBBBBBB", minutesAgo(5), { type: "payment.failed" }),
        event("evt_tieAAAAAA", minutesAgo(5)),
        event("evt_older0000", minutesAgo(60), { type: "payment.updated" }),
        event("evt_oldest000", minutesAgo(29 * 24 * 60)),
        event("evt_expired00", minutesAgo(31 * 24 * 60)),
        event("evt_livemode0", minutesAgo(2), { mode: "LIVE" }),
        event("evt_othershop", minutesAgo(2), { storefrontId: "sf_b" }),
        event("evt_testping0", minutesAgo(3), { type: "test.ping" }),
      ],
    });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const page = (q: Record<string, string>) => findEvents(db, { ...query(q), storefrontId: "sf_a", mode: "TEST", now: NOW });

  it("lists the storefront's events of this mode from the last 30 days, newest first, without test pings", async () => {
    const all = await page({ limit: "100" });
    expect([ids(all.data), all.hasMore]).toEqual([["evt_newest000", "evt_tieBBBBBB", "evt_tieAAAAAA", "evt_older0000", "evt_oldest000"], false]);
  });

  it("pages back with starting_after and forward with ending_before, never skipping or repeating", async () => {
    const first = await page({ limit: "2" });
    expect([ids(first.data), first.hasMore]).toEqual([["evt_newest000", "evt_tieBBBBBB"], true]);
    const second = await page({ limit: "2", starting_after: "evt_tieBBBBBB" });
    expect([ids(second.data), second.hasMore]).toEqual([["evt_tieAAAAAA", "evt_older0000"], true]);
    const third = await page({ limit: "2", starting_after: "evt_older0000" });
    expect([ids(third.data), third.hasMore]).toEqual([["evt_oldest000"], false]);
    const back = await page({ limit: "2", ending_before: "evt_tieAAAAAA" });
    expect([ids(back.data), back.hasMore]).toEqual([["evt_newest000", "evt_tieBBBBBB"], false]);
    const backOne = await page({ limit: "1", ending_before: "evt_tieAAAAAA" });
    expect([ids(backOne.data), backOne.hasMore]).toEqual([["evt_tieBBBBBB"], true]);
  });

  it("filters by type or group, and refuses a cursor from outside the scope", async () => {
    expect(ids((await page({ type: "payment.failed" })).data)).toEqual(["evt_tieBBBBBB"]);
    expect((await page({ type: "payment.*", limit: "100" })).data).toHaveLength(5);
    await expect(page({ starting_after: "evt_livemode0" })).rejects.toMatchObject({ code: "invalid_request", param: "starting_after" });
    await expect(page({ ending_before: "evt_expired00" })).rejects.toMatchObject({ code: "invalid_request", param: "ending_before" });
    expect(() => query({ type: "test.ping" })).toThrow();
  });

  it("retrieves one event only within the scope and the window", async () => {
    const get = (id: string) => getEventOrThrow(db, { id, storefrontId: "sf_a", mode: "TEST", now: NOW });
    expect((await get("evt_oldest000")).id).toBe("evt_oldest000");
    for (const id of ["evt_expired00", "evt_livemode0", "evt_othershop", "evt_testping0", "not-an-id"]) {
      await expect(get(id), id).rejects.toMatchObject({ code: "not_found" });
    }
  });
});
