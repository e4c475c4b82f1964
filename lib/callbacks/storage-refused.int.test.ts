import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { drainSpool } from "@/lib/callbacks/spool/drain-spool";
import { QUARANTINE_DIR } from "@/lib/callbacks/spool/read-spool";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { rawRequest } from "@/lib/testing/http-request";
import { refuseWrites } from "@/lib/testing/refuse-writes";

/**
 * "Nothing that reached the callback endpoint is ever dropped" for every error on the storage
 * path, not only lost connections: PostgreSQL answering, but refusing the write (25006, a read-only
 * primary after a failover; 42501, a permission error in pg-boss's queue). The errors are raised by
 * PostgreSQL itself, from triggers, so the route meets them exactly as it would in production.
 */

const ACK = { ResultCode: 0, ResultDesc: "Accepted" };

describe("a callback PostgreSQL refuses to store", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let dir: string;
  const spoolDir = () => path.join(dir, "spool");
  const spooled = async () => (await readdir(spoolDir()).catch(() => [] as string[])).filter((n) => n.endsWith(".json"));
  const quarantined = async () => (await readdir(path.join(spoolDir(), QUARANTINE_DIR)).catch(() => [] as string[])).length;
  const payment = (id: string) => gw.db.payment.findUniqueOrThrow({ where: { id } });
  const pendingPayment = async (amount: number) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone: scenarioPhone("pending-forever"), reference: "REFUSED" } });
    expect(res.status).toBe(201);
    return payment(String(res.body.id));
  };
  const postSuccess = (p: { id: string; checkoutRequestId: string | null; merchantRequestId: string | null; amount: number }, receipt: string) =>
    rawRequest(`${gw.app.url}/api/callbacks/stk/${createCallbackToken(p.id, gw.env.secrets.callback, "TEST")}`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ Body: { stkCallback: {
        MerchantRequestID: p.merchantRequestId, CheckoutRequestID: p.checkoutRequestId, ResultCode: 0, ResultDesc: "The service request is processed successfully.",
        CallbackMetadata: { Item: [{ Name: "Amount", Value: p.amount }, { Name: "MpesaReceiptNumber", Value: receipt }, { Name: "PhoneNumber", Value: 254708000011 }] },
      } } }),
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "malipo-refused-"));
    gw = await startGateway({ env: { CALLBACK_SPOOL_DIR: path.join(dir, "spool") } });
    shop = await gw.createStorefront("Refused");
  });
  afterAll(async () => {
    await gw?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ["a read-only primary (25006) refuses the callback row", "callback_logs", "25006", "cannot execute INSERT in a read-only transaction", "UKT6READ01"],
    ["pg-boss's queue refuses the processing job (42501)", "pgboss.job", "42501", "permission denied for table job", "UKT6PERM01"],
  ])("%s: answered 200 from the spool, kept through a failed drain, applied once it accepts", async (_what, table, sqlState, message, receipt) => {
    const p = await pendingPayment(160);
    const lift = await refuseWrites(gw.db, { table, sqlState, message });
    try {
      const res = await postSuccess(p, receipt);
      expect([res.status, res.json]).toEqual([200, ACK]);
      expect(await spooled()).toHaveLength(1);
      expect(await gw.db.callbackLog.count({ where: { token: createCallbackToken(p.id, gw.env.secrets.callback, "TEST") } })).toBe(0);
      // Draining while PostgreSQL still refuses keeps the entry: it is no fault of the row's.
      const refused = await drainSpool(gw.db, { dir: spoolDir() });
      expect(refused).toMatchObject({ stored: 0, quarantined: 0, stopped: { reason: "error" } });
      expect([(await spooled()).length, await quarantined()]).toEqual([1, 0]);
    } finally {
      await lift();
    }
    expect(await drainSpool(gw.db, { dir: spoolDir() })).toMatchObject({ stored: 1, quarantined: 0, stopped: null });
    expect(await spooled()).toHaveLength(0);
    const settled = await eventually(async () => {
      const row = await payment(p.id);
      return row.status === "SUCCEEDED" && row;
    });
    expect(settled).toMatchObject({ mpesaReceipt: receipt, mpesaAmount: 160 });
    expect(await gw.db.callbackLog.findMany({ where: { paymentId: p.id }, select: { outcome: true } })).toEqual([{ outcome: "APPLIED" }]);
  });
});
