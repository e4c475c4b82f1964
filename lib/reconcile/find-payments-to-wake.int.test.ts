import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PaymentStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { findPaymentsToWake } from "@/lib/reconcile/find-payments-to-wake";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

/**
 * The sweep's wake list on PostgreSQL: due, unleased payments with a CheckoutRequestID, open ones
 * oldest first and then expired ones oldest first (an expired payment never takes an open one's
 * place, however long it has been due), at most the limit.
 */

const NOW = new Date("2026-12-02T12:00:00.000Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe("findPaymentsToWake", () => {
  let database: TestDatabase;
  let db: PrismaClient;

  const insert = (id: string, status: PaymentStatus, { due, lease = null, checkout = true }: { due: Date | null; lease?: Date | null; checkout?: boolean }) =>
    db.payment.create({
      data: {
        id, storefrontId: "sf_wake", mode: "TEST", status, amount: 100, phone: "254712345678", reference: "WAKE",
        checkoutRequestId: checkout ? `ws_CO_${id}` : null, nextQueryAt: due, queryLeaseUntil: lease, expiresAt: minutes(-30), createdAt: minutes(-60),
      },
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 2);
    await db.storefront.create({ data: { id: "sf_wake", name: "Wake" } });
    await insert("pay_expiredoldest", "EXPIRED", { due: minutes(-50) });
    await insert("pay_opennewer", "PENDING", { due: minutes(-5) });
    await insert("pay_openolder", "INITIATING", { due: minutes(-10) });
    await insert("pay_leaselapsed", "PENDING", { due: minutes(-8), lease: minutes(-1) });
    await insert("pay_expirednewer", "EXPIRED", { due: minutes(-2) });
    // Never woken: leased to a querier, due only after the cut-off, nothing to ask about, settled.
    await insert("pay_leased", "PENDING", { due: minutes(-20), lease: minutes(1) });
    await insert("pay_notdue", "PENDING", { due: minutes(-1) });
    await insert("pay_nocheckout", "INITIATING", { due: minutes(-30), checkout: false });
    await insert("pay_unscheduled", "PENDING", { due: null });
    await insert("pay_succeeded", "SUCCEEDED", { due: minutes(-40) });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("lists open payments oldest first, then expired ones oldest first, leaving out leased, not yet due and unaskable ones", async () => {
    expect(await findPaymentsToWake(db, { now: NOW, dueBefore: minutes(-1.5), limit: 50 }))
      .toEqual(["pay_openolder", "pay_leaselapsed", "pay_opennewer", "pay_expiredoldest", "pay_expirednewer"]);
  });

  it("stops at the limit, open payments first even when an expired one has been due longer", async () => {
    expect(await findPaymentsToWake(db, { now: NOW, dueBefore: minutes(-1.5), limit: 2 })).toEqual(["pay_openolder", "pay_leaselapsed"]);
    expect(await findPaymentsToWake(db, { now: NOW, dueBefore: minutes(-1.5), limit: 4 })).toEqual(["pay_openolder", "pay_leaselapsed", "pay_opennewer", "pay_expiredoldest"]);
  });
});
