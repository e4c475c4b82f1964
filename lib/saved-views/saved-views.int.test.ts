import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deleteView } from "@/lib/saved-views/delete-view";
import { findSavedViews } from "@/lib/saved-views/find-saved-views";
import { saveView } from "@/lib/saved-views/save-view";
import { canonicalViewQuery } from "@/lib/saved-views/saved-view-query";
import { MAX_SAVED_VIEWS } from "@/lib/saved-views/schemas";
import { insertUser } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let database: TestDatabase;
let db: PrismaClient;
let alice: string;
let bob: string;
// Wednesday 2 December 2026 and the Tuesday after it, 10:00 EAT.
const wednesday = new Date("2026-12-02T07:00:00.000Z");
const nextTuesday = new Date("2026-12-08T07:00:00.000Z");

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrisma(database.url, 4);
  alice = (await insertUser(db)).id;
  bob = (await insertUser(db)).id;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const save = (userId: string, name: string, raw: string, relativeDates = true, now = wednesday) =>
  saveView(db, { userId, page: "payments", name, ...canonicalViewQuery(raw, { relativeDates, now }) });

describe("saved views", () => {
  it("keeps each user's named views apart, listed by name, opening on the day's dates", async () => {
    await save(alice, "Failed this week", "status=FAILED&from=2026-11-30&to=2026-12-02&page=3");
    await save(alice, "Big ones", "min=10000&sort=amount");
    await save(bob, "Bob's reviews", "flags=review");
    const views = await findSavedViews(db, { userId: alice, page: "payments", now: nextTuesday });
    expect(views.map((v) => [v.name, v.href, v.datesLabel])).toEqual([
      ["Big ones", "/payments?min=10000&sort=amount", null],
      ["Failed this week", "/payments?status=FAILED&from=2026-12-07&to=2026-12-08", "This week"],
    ]);
    expect((await findSavedViews(db, { userId: bob, page: "payments", now: nextTuesday })).map((v) => v.name)).toEqual(["Bob's reviews"]);
  });

  it("replaces a view saved again under the same name, whatever its capitals", async () => {
    expect((await save(alice, "big ONES", "min=20000")).replaced).toBe(true);
    const views = await findSavedViews(db, { userId: alice, page: "payments", now: wednesday });
    expect(views.filter((v) => v.name.toLowerCase() === "big ones").map((v) => [v.name, v.href])).toEqual([["big ONES", "/payments?min=20000"]]);
    // Bob's view of another name is untouched, and his own "Big ones" is a new one.
    expect((await save(bob, "Big ones", "min=1")).replaced).toBe(false);
  });

  it("deletes only the user's own view; another's is not found and stays", async () => {
    const [bobs] = await findSavedViews(db, { userId: bob, page: "payments", now: wednesday });
    await expect(deleteView(db, { userId: alice, viewId: bobs!.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.savedView.count({ where: { id: bobs!.id } })).toBe(1);
    expect(await deleteView(db, { userId: bob, viewId: bobs!.id })).toEqual({ name: bobs!.name });
    await expect(deleteView(db, { userId: bob, viewId: bobs!.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("stops at the limit with a clear message, while replacing still works", async () => {
    const carol = (await insertUser(db)).id;
    for (let i = 0; i < MAX_SAVED_VIEWS; i++) await save(carol, `View ${i}`, `min=${i}`);
    await expect(save(carol, "One too many", "min=1")).rejects.toMatchObject({ code: "conflict" });
    expect((await save(carol, "View 3", "max=3")).replaced).toBe(true);
    expect(await db.savedView.count({ where: { userId: carol } })).toBe(MAX_SAVED_VIEWS);
  });

  it("goes with its user", async () => {
    const dave = (await insertUser(db)).id;
    await save(dave, "Mine", "q=INV");
    await db.user.delete({ where: { id: dave } });
    expect(await db.savedView.count({ where: { userId: dave } })).toBe(0);
  });
});
