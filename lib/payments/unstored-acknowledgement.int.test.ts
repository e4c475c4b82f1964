import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { reconcilePaymentJob } from "@/lib/reconcile/reconcile-payment-job";
import { sweepPaymentsJob } from "@/lib/reconcile/sweep-payments-job";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { refuseWrites } from "@/lib/testing/refuse-writes";

/**
 * Daraja accepts the push, then the write of its acknowledgement fails. The payment must stay
 * resolvable: flagged outcome-unknown with a timeline entry saying why, settled by later status
 * queries once its CheckoutRequestID is stored, or by its callback when even that cannot be stored.
 * The failures are raised by PostgreSQL (triggers), through the real API, simulator and worker.
 */

type Json = Record<string, unknown>;

describe("a push acknowledgement that cannot be stored", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
  const settled = (id: string) => eventually(async () => {
    const row = await payment(id);
    return row.status !== "INITIATING" && row.status !== "PENDING" && row;
  }, 20_000);
  const unknownEntry = (paymentId: string) => gw.db.paymentEvent.findFirstOrThrow({ where: { paymentId, type: "outcome_unknown" } });
  const create = (phone: string, reference: string) => gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 100, phone, reference } });

  beforeAll(async () => {
    gw = await startGateway({
      env: { RECONCILE_AFTER_SECONDS: "1", RECONCILE_MAX_INTERVAL_SECONDS: "1", SWEEP_INTERVAL_SECONDS: "1", PAYMENT_EXPIRY_SECONDS: "60", QUERY_RATE_PER_SECOND: "20" },
      // The success scenario's callback comes after the test has let the database accept again.
      simulator: { callbackDelayMs: 2500 },
      jobs: [processCallbackJob, reconcilePaymentJob, sweepPaymentsJob],
    });
    shop = await gw.createStorefront("Unstored acks");
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("when the status-query job cannot be queued: stores the id without it, answers 202, and the sweep's queries settle it", async () => {
    const lift = await refuseWrites(gw.db, { table: "pgboss.job", when: "NEW.name = 'payments.reconcile'", sqlState: "42501", message: "permission denied for table job" });
    let id: string;
    try {
      const res = await create(scenarioPhone("no-callback"), "ACKJOB-1");
      expect(res).toMatchObject({ status: 202, body: { status: "initiating", checkout_request_id: expect.stringMatching(/^ws_CO_/) } });
      id = String(res.body.id);
      expect(await payment(id)).toMatchObject({ status: "INITIATING", outcomeUnknown: true, nextQueryAt: expect.any(Date) });
      expect((await unknownEntry(id)).data).toMatchObject({ idsStored: true, reason: expect.stringMatching(/^Daraja accepted the push, but storing its acknowledgement failed \(.*permission denied.*\); its CheckoutRequestID was stored/) });
    } finally {
      await lift();
    }
    const row = await settled(id);
    expect(row).toMatchObject({ status: "SUCCEEDED", receiptMissing: true });
    expect(await gw.db.paymentEvent.findFirst({ where: { paymentId: id, type: "succeed" } })).toMatchObject({ source: "query", fromStatus: "INITIATING" });
  });

  it("when not even the CheckoutRequestID can be stored: flags it with the ids on its timeline, and its callback settles it", async () => {
    const lift = await refuseWrites(gw.db, { table: "payments", operations: "INSERT OR UPDATE", when: "NEW.reference = 'ACKIDS-1' AND NEW.checkout_request_id IS NOT NULL", sqlState: "25006", message: "cannot execute UPDATE in a read-only transaction" });
    let id: string;
    try {
      const res = await create(scenarioPhone("success"), "ACKIDS-1");
      expect(res).toMatchObject({ status: 202, body: { status: "initiating", checkout_request_id: null } });
      id = String(res.body.id);
      expect(await payment(id)).toMatchObject({ status: "INITIATING", outcomeUnknown: true, checkoutRequestId: null });
      const entry = (await unknownEntry(id)).data as Json;
      expect(entry).toMatchObject({ idsStored: false, checkoutRequestId: expect.stringMatching(/^ws_CO_/), reason: expect.stringMatching(/could not be stored, so its callback settles it/) });
    } finally {
      await lift();
    }
    const row = await settled(id);
    expect(row).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: expect.any(String), checkoutRequestId: expect.stringMatching(/^ws_CO_/) });
    expect(await gw.db.webhookEvent.findMany({ where: { paymentId: id }, select: { type: true } })).toEqual([{ type: "payment.succeeded" }]);
  });
});
