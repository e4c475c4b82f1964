import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { startGateway, type Gateway } from "@/lib/testing/gateway";

/** A web process may take callbacks before any worker has ever run: nothing may be refused for that. */
describe("callbacks received before any worker started", () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ jobs: [] });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("are stored and queued, the queue being created on the way", async () => {
    const shop = await gw.createStorefront();
    const created = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 10, phone: scenarioPhone("pending-forever"), reference: "EARLY" } });
    expect(created.status).toBe(201);
    const res = await fetch(`${gw.app.url}/api/callbacks/stk/${createCallbackToken(String(created.body.id), gw.env.secrets.callback, "TEST")}`, { method: "POST", body: "{}" });
    expect([res.status, await res.json()]).toEqual([200, { ResultCode: 0, ResultDesc: "Accepted" }]);
    const log = await gw.db.callbackLog.findFirstOrThrow({ where: { outcome: "RECEIVED" } });
    const jobs = await gw.db.$queryRaw<{ name: string; data: unknown; state: string }[]>`SELECT name, data, state::text FROM pgboss.job WHERE name = 'callbacks.process'`;
    expect(jobs).toEqual([{ name: "callbacks.process", data: { callbackLogId: String(log.id) }, state: "created" }]);
  });
});
