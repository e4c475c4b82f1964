import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertFirstAttempts } from "@/lib/testing/attempt-fixtures";

/** Rows for the dashboard's integration tests, written directly (the tests are about reading them). */

export async function insertStorefront(db: Db, name = "Test Shop") {
  return db.storefront.create({ data: { id: createId("sf"), name } });
}

export async function insertPayment(db: Db, storefrontId: string, data: Partial<Prisma.PaymentUncheckedCreateInput> = {}) {
  const createdAt = data.createdAt ? new Date(data.createdAt as Date) : new Date();
  const payment = await db.payment.create({
    data: {
      id: createId("pay"),
      storefrontId,
      mode: "LIVE",
      status: "PENDING",
      amount: 100,
      phone: "254712345678",
      reference: "INV-1",
      expiresAt: new Date(createdAt.getTime() + 15 * 60 * 1000),
      ...data,
      createdAt,
    },
  });
  await insertFirstAttempts(db, [payment.id]);
  return payment;
}

export async function insertUser(db: Db, data: Partial<Prisma.UserCreateInput> = {}) {
  const id = createId("usr");
  return db.user.create({
    data: { id, email: `${id.toLowerCase()}@example.test`, name: "Test User", role: "FINANCE", passwordHash: "x", ...data },
  });
}
