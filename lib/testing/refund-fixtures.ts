import { expect } from "vitest";
import type { Payment, Refund } from "@/lib/generated/prisma/client";
import { eventually, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * What the refund tests share: a payment made through the storefront API and paid by the simulator
 * (its receipt is what a reversal needs), and a refund waited for until M-Pesa's answer settled it.
 */
export async function paidPayment(gw: Gateway, shop: TestStorefront, { phone, reference, amount }: { phone: string; reference: string; amount: number }): Promise<Payment> {
  const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone, reference } });
  expect(res.status).toBe(201);
  const id = String(res.body.id);
  return eventually(async () => {
    const p = await gw.db.payment.findUniqueOrThrow({ where: { id } });
    return p.mpesaReceipt !== null && p;
  });
}

export function settledRefund(gw: Gateway, id: string): Promise<Refund> {
  return eventually(async () => {
    const r = await gw.db.refund.findUniqueOrThrow({ where: { id } });
    return ["SUCCEEDED", "FAILED"].includes(r.status) && r;
  });
}
