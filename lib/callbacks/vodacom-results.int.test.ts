import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { processVodacomResultJob } from "@/lib/callbacks/process-vodacom-result-job";
import { ensureEnvironmentAccount } from "@/lib/collection-accounts/bootstrap-environment-accounts";
import { scenarioMsisdn } from "@/lib/rails/vodacom/simulator/scenarios";
import type { RunningVodacomSimulator } from "@/lib/rails/vodacom/simulator/server";
import { startTestSimulator } from "@/lib/rails/vodacom/simulator/test-support";
import { createVodacomResultToken } from "@/lib/rails/vodacom/result-token";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";

/**
 * Vodacom's asynchronous form end to end over HTTP: a Tanzanian payment pushed through the storefront
 * API is taken at once (pending), the Vodacom simulator posts its result to the gateway's listener
 * URL (behind its token), the listener stores it and answers in Vodacom's shape, and the worker
 * settles the payment through the settle path, once. A forged token, a body that is no result,
 * and a result posted twice change nothing.
 */
const SECRET = "vodacom-results-callback-secret-0123456789";

describe("Vodacom's asynchronous results", () => {
  let vodacom: RunningVodacomSimulator;
  let gw: Gateway;
  let shop: TestStorefront;
  let forwarder: Server;
  /** Where the forwarder passes Vodacom's posts on: the gateway, once it listens. */
  let target = "";
  const token = createVodacomResultToken(SECRET, "TEST");

  beforeAll(async () => {
    // Vodacom is told the listener's URL before the gateway has a port: a loopback forwarder stands in front.
    forwarder = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        void fetch(`${target}${req.url}`, { method: req.method, headers: { "Content-Type": "application/json" }, body: Buffer.concat(chunks) })
          .then(async (r) => { res.writeHead(r.status, { "Content-Type": "application/json" }); res.end(await r.text()); })
          .catch(() => { res.writeHead(502); res.end(); });
      });
    });
    await new Promise<void>((resolve) => forwarder.listen(0, "127.0.0.1", resolve));
    const { port } = forwarder.address() as AddressInfo;
    vodacom = await startTestSimulator({ responseMode: "async", resultUrl: `http://127.0.0.1:${port}/api/callbacks/vodacom/${token}` });
    gw = await startGateway({
      env: { CALLBACK_SECRET: SECRET, VODACOM_SIMULATOR_PORT: String(vodacom.port), VODACOM_SIMULATOR_ACTIVATION_DELAY_MS: "0", VODACOM_RESPONSE_MODE: "async", PAYMENT_EXPIRY_SECONDS: "3600" },
      jobs: [processCallbackJob, processVodacomResultJob],
    });
    target = gw.app.url;
    shop = await gw.createStorefront("Duka la async");
    await ensureEnvironmentAccount(gw.db, gw.env, { storefrontId: shop.id, mode: "TEST", rail: "vodacom_c2b" });
  });
  afterAll(async () => {
    await gw?.close();
    await vodacom?.close();
    await new Promise((resolve) => forwarder?.close(resolve));
  });

  const push = async (scenario: string, reference: string) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 1500, phone: scenarioMsisdn(scenario), reference } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "pending", currency: "TZS" });
    return String(res.body.id);
  };
  const settled = (id: string) => eventually(async () => {
    const p = await gw.db.payment.findUniqueOrThrow({ where: { id } });
    return p.status !== "PENDING" && p;
  }, 15_000);

  it("settles a paid Tanzanian payment from the result Vodacom posts, and answers Vodacom in its own shape", async () => {
    const id = await push("success", "TZ-ASYNC-1");
    const paid = await settled(id);
    expect(paid.status).toBe("SUCCEEDED");
    expect(paid.mpesaReceipt).toMatch(/\S/);
    const stored = await gw.db.callbackLog.findFirstOrThrow({ where: { kind: "VODACOM_RESULT", paymentId: id } });
    expect(stored).toMatchObject({ outcome: "APPLIED", tokenValid: true });
    const body = JSON.parse(stored.body) as Record<string, string>;
    // The same body again (Vodacom documents no retries; anyone might replay one): acknowledged, a duplicate, nothing changes.
    const again = await fetch(`${gw.app.url}/api/callbacks/vodacom/${token}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: stored.body });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({
      output_OriginalConversationID: body.input_OriginalConversationID, output_ResponseCode: "0",
      output_ResponseDesc: "Successfully Accepted Result", output_ThirdPartyConversationID: body.input_ThirdPartyConversationID,
    });
    await eventually(() => gw.db.callbackLog.findFirst({ where: { kind: "VODACOM_RESULT", paymentId: id, outcome: "DUPLICATE" } }));
    expect((await gw.db.paymentEvent.findMany({ where: { paymentId: id, toStatus: "SUCCEEDED" } })).length).toBe(1);
  });

  it("fails a cancelled one from its result, and never settles anything from a forged or unreadable post", async () => {
    const id = await push("cancelled", "TZ-ASYNC-2");
    expect((await settled(id)).status).toBe("CANCELLED");

    const forged = createVodacomResultToken("another-secret-another-secret-0000000", "TEST");
    const stored = await gw.db.callbackLog.findFirstOrThrow({ where: { kind: "VODACOM_RESULT", paymentId: id } });
    const post = (path: string, body: string) => fetch(`${gw.app.url}/api/callbacks/vodacom/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    expect((await post(forged, stored.body.replace("INS-5", "INS-0"))).status).toBe(404);
    expect(await gw.db.callbackLog.findFirst({ where: { token: forged } })).toMatchObject({ outcome: "REJECTED", tokenValid: false });
    expect((await post(token, "{\"input_ResultCode\":")).status).toBe(200);
    await eventually(() => gw.db.callbackLog.findFirst({ where: { kind: "VODACOM_RESULT", outcome: "INVALID" } }));
    expect((await gw.db.payment.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELLED");
  });
});
