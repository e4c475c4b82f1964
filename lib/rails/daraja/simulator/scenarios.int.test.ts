import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { darajaTimestamp } from "../password";
import { RESULT } from "./result-codes";
import { scenarioPhone } from "./scenarios";
import { startSimulator } from "./server";
import { getToken, postJson, startCallbackReceiver, stkPushBody, stkQueryBody, waitUntil, type CallbackReceiver } from "./test-support";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

// The "pending" checks race the settle timer: 100 ms leaves room for a loaded 2-core machine.
const DELAY = 100;
const LATE = 400;
// How long to keep listening for a callback that must not come (retries would be immediate).
const QUIET = 80;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("scenarios: callbacks and the STK query", () => {
  let sim: Simulator;
  let receiver: CallbackReceiver;
  let token: string;

  const push = async (scenario: string, overrides: Record<string, unknown> = {}) => {
    const phone = scenarioPhone(scenario);
    const res = await postJson(`${sim.url}/mpesa/stkpush/v1/processrequest`, token,
      stkPushBody({ PhoneNumber: phone, PartyA: phone, CallBackURL: `${receiver.url}/hooks/stk/tok-${scenario}`, ...overrides }));
    expect(res.status).toBe(200);
    return String(res.body.CheckoutRequestID);
  };
  const query = (id: string) => postJson(`${sim.url}/mpesa/stkpushquery/v1/query`, token, stkQueryBody(id));
  const expectPending = async (id: string) =>
    expect(await query(id)).toEqual({
      status: 200,
      body: {
        ResponseCode: "0", ResponseDescription: "The service request has been accepted successfully",
        MerchantRequestID: expect.any(String), CheckoutRequestID: id,
        ResultCode: "4999", ResultDesc: "The transaction is still under processing",
      },
    });

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sim = await startSimulator({ port: 0, seed: "scenarios", callbackDelayMs: DELAY, lateCallbackDelayMs: LATE });
    token = await getToken(sim.url);
  });
  beforeEach(() => receiver.respondWith(200));
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it("success: pending, then one callback with Daraja's exact shape and headers, then final", async () => {
    const id = await push("success", { Amount: 150 });
    await expectPending(id);
    const [callback] = await receiver.waitFor(id);
    expect(callback?.path).toBe("/hooks/stk/tok-success");
    expect(callback?.headers["content-type"]).toBe("application/json;charset=UTF-8");
    expect(callback?.headers.businessshortcode).toBe("174379");
    const stk = (callback?.json as { Body: { stkCallback: Record<string, unknown> } }).Body.stkCallback;
    const pushed = sim.pushes().find((p) => p.checkoutRequestId === id);
    expect(stk).toEqual({
      MerchantRequestID: pushed?.merchantRequestId, CheckoutRequestID: id,
      ResultCode: 0, ResultDesc: "The service request is processed successfully.",
      CallbackMetadata: {
        Item: [
          { Name: "Amount", Value: 150 },
          { Name: "MpesaReceiptNumber", Value: expect.stringMatching(/^[A-Z0-9]{10}$/) },
          { Name: "Balance" },
          { Name: "TransactionDate", Value: expect.any(Number) },
          { Name: "PhoneNumber", Value: 254708374149 },
        ],
      },
    });
    // The receipt's first three characters and TransactionDate both encode the Nairobi date.
    const items = (stk.CallbackMetadata as { Item: { Name: string; Value?: unknown }[] }).Item;
    const date = String(items[3]?.Value);
    expect(date).toBe(darajaTimestamp(new Date(pushed?.result?.at ?? 0)));
    const year = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(Number(date.slice(0, 4)) - 2006);
    expect(String(items[1]?.Value).slice(0, 2)).toBe(year + "ABCDEFGHIJKL".charAt(Number(date.slice(4, 6)) - 1));

    expect(await query(id)).toMatchObject({ status: 200, body: { ResponseCode: "0", ResultCode: "0", ResultDesc: "The service request is processed successfully." } });
    await sleep(QUIET);
    expect(receiver.forCheckout(id)).toHaveLength(1);
  });

  it.each([
    ["cancelled", RESULT.CANCELLED, "Request cancelled by user", "Request cancelled by user"],
    ["no-response", RESULT.NO_RESPONSE, "No response from user.", "DS timeout user cannot be reached."],
    ["insufficient-funds", RESULT.INSUFFICIENT_FUNDS, "The balance is insufficient for the transaction.", "The balance is insufficient for the transaction."],
    ["wrong-pin", RESULT.WRONG_PIN, "The initiator information is invalid.", "The initiator information is invalid."],
    ["expired", RESULT.EXPIRED, "Transaction has expired.", "Transaction has expired."],
    ["push-error", RESULT.PUSH_ERROR, "An error occurred while sending a push request.", "An error occurred while sending a push request."],
    ["rule-limited", RESULT.RULE_LIMITED, "Rule limited.", "Rule limited."],
  ])("%s: one failure callback (code %s, no metadata), query final as a string", async (scenario, code, callbackDesc, queryDesc) => {
    const id = await push(scenario);
    await expectPending(id);
    const [callback] = await receiver.waitFor(id);
    const stk = (callback?.json as { Body: { stkCallback: Record<string, unknown> } }).Body.stkCallback;
    expect(stk).toEqual({ MerchantRequestID: expect.any(String), CheckoutRequestID: id, ResultCode: code, ResultDesc: callbackDesc });
    expect(await query(id)).toMatchObject({ status: 200, body: { ResultCode: String(code), ResultDesc: queryDesc } });
    await sleep(QUIET);
    expect(receiver.forCheckout(id)).toHaveLength(1);
  });

  it("no-callback: the query turns final but no callback ever comes", async () => {
    const id = await push("no-callback");
    await expectPending(id);
    const final = await waitUntil(async () => {
      const res = await query(id);
      return res.body.ResultCode === "0" ? res : null;
    });
    expect(final.body).toMatchObject({ ResultCode: "0" });
    await sleep(QUIET);
    expect(receiver.forCheckout(id)).toHaveLength(0);
  });

  it("triple-callback: the identical callback arrives three times, no more", async () => {
    const id = await push("triple-callback");
    const callbacks = await receiver.waitFor(id, 3);
    expect(new Set(callbacks.map((c) => c.body)).size).toBe(1);
    await sleep(QUIET);
    expect(receiver.forCheckout(id)).toHaveLength(3);
  });

  it("late-callback: pending well past the normal delay, then one success callback", async () => {
    const started = Date.now();
    const id = await push("late-callback");
    await sleep(DELAY * 2);
    await expectPending(id);
    expect(receiver.forCheckout(id)).toHaveLength(0);
    const [callback] = await receiver.waitFor(id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LATE - 5);
    expect(callback?.json).toMatchObject({ Body: { stkCallback: { ResultCode: 0 } } });
    expect(await query(id)).toMatchObject({ body: { ResultCode: "0" } });
  });

  it.each([[100, 99], [1, 2]])("amount-mismatch: a request for %s is reported as %s", async (requested, reported) => {
    const id = await push("amount-mismatch", { Amount: requested });
    const [callback] = await receiver.waitFor(id);
    const items = (callback?.json as { Body: { stkCallback: { CallbackMetadata: { Item: { Name: string; Value?: unknown }[] } } } })
      .Body.stkCallback.CallbackMetadata.Item;
    expect(items.find((i) => i.Name === "Amount")?.Value).toBe(reported);
  });

  it("pending-forever: no callback, and the query keeps saying still processing", async () => {
    const id = await push("pending-forever");
    await sleep(DELAY * 2);
    await expectPending(id);
    expect(receiver.forCheckout(id)).toHaveLength(0);
  });

  it("does not retry a callback answered with a non-2xx status", async () => {
    receiver.respondWith(500);
    const id = await push("success");
    await receiver.waitFor(id);
    await sleep(QUIET);
    expect(receiver.forCheckout(id)).toHaveLength(1);
    expect(sim.pushes().find((p) => p.checkoutRequestId === id)?.callbacks).toEqual([expect.objectContaining({ kind: "delivery", status: 500, error: null })]);
  });

  it("survives a receiver that is down, and records the failed attempt", async () => {
    const dead = await startCallbackReceiver();
    await dead.close();
    const id = await push("success", { CallBackURL: `${dead.url}/cb` });
    const attempt = await waitUntil(() => sim.pushes().find((p) => p.checkoutRequestId === id)?.callbacks[0]);
    expect(attempt).toMatchObject({ status: null, error: expect.stringContaining("fetch failed") });
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
    expect(await query(id)).toMatchObject({ body: { ResultCode: "0" } });
  });

  it("answers an unknown CheckoutRequestID with HTTP 500 The transaction does not Exist", async () => {
    const res = await query("ws_CO_01012025000000000708374149");
    expect(res).toEqual({ status: 500, body: { requestId: expect.any(String), errorCode: "500.001.1001", errorMessage: "The transaction does not Exist" } });
  });

  it("checks the query's Password like the push's", async () => {
    const id = await push("pending-forever");
    const res = await postJson(`${sim.url}/mpesa/stkpushquery/v1/query`, token, { ...stkQueryBody(id), Password: "d3Jvbmc=" });
    expect(res).toMatchObject({ status: 500, body: { errorCode: "500.001.1001", errorMessage: "Wrong credentials" } });
    const noToken = await postJson(`${sim.url}/mpesa/stkpushquery/v1/query`, "expired0000000000000000000000", stkQueryBody(id));
    expect(noToken).toMatchObject({ status: 404, body: { errorCode: "404.001.03" } });
  });

  it("forgets pushes and cancels their callbacks on POST /__sim/reset", async () => {
    const phone = "254712345678";
    const res = await postJson(`${sim.url}/mpesa/stkpush/v1/processrequest`, token, stkPushBody({ PhoneNumber: phone, PartyA: phone, CallBackURL: `${receiver.url}/cb` }));
    const id = String(res.body.CheckoutRequestID);
    const reset = await fetch(`${sim.url}/__sim/reset`, { method: "POST" });
    expect(await reset.json()).toEqual({ ok: true });
    expect(((await (await fetch(`${sim.url}/__sim/pushes`)).json()) as { pushes: unknown[] }).pushes).toEqual([]);
    await sleep(DELAY * 2);
    expect(receiver.forCheckout(id)).toHaveLength(0);
    expect((await query(id)).status).toBe(500);
  });
});

describe("query options and chaos", () => {
  let receiver: CallbackReceiver;
  beforeAll(async () => {
    receiver = await startCallbackReceiver();
  });
  afterAll(() => receiver.close());

  const pushWith = async (sim: Simulator, phone = "254712345678") => {
    const token = await getToken(sim.url);
    const res = await postJson(`${sim.url}/mpesa/stkpush/v1/processrequest`, token, stkPushBody({ PhoneNumber: phone, PartyA: phone, CallBackURL: `${receiver.url}/cb` }));
    return { token, id: String(res.body.CheckoutRequestID) };
  };

  it("answers pending with the legacy HTTP 500 and final with the successsfully typo", async () => {
    const sim = await startSimulator({ port: 0, callbackDelayMs: DELAY, pendingStyle: "500", queryTypo: true });
    try {
      const { token, id } = await pushWith(sim);
      const pending = await postJson(`${sim.url}/mpesa/stkpushquery/v1/query`, token, stkQueryBody(id));
      expect(pending).toEqual({ status: 500, body: { requestId: id, errorCode: "500.001.1001", errorMessage: "The transaction is being processed" } });
      await receiver.waitFor(id);
      const final = await postJson(`${sim.url}/mpesa/stkpushquery/v1/query`, token, stkQueryBody(id));
      expect(final).toMatchObject({ status: 200, body: { ResponseDescription: "The service request has been accepted successsfully", ResultCode: "0" } });
    } finally {
      await sim.close();
    }
  });

  it("chaos mode retries a callback answered with a non-2xx status", async () => {
    const sim = await startSimulator({ port: 0, callbackDelayMs: 10, chaos: { retries: 2, retryDelayMs: 10, duplicateRate: 0 } });
    try {
      receiver.respondWith(503);
      const { id } = await pushWith(sim);
      await receiver.waitFor(id, 3);
      await sleep(60);
      expect(receiver.forCheckout(id)).toHaveLength(3);
      expect(sim.pushes()[0]?.callbacks.map((c) => c.kind)).toEqual(["delivery", "chaos-retry", "chaos-retry"]);
    } finally {
      receiver.respondWith(200);
      await sim.close();
    }
  });

  it("chaos mode can duplicate a delivered callback", async () => {
    const sim = await startSimulator({ port: 0, callbackDelayMs: 10, chaos: { retries: 0, retryDelayMs: 10, duplicateRate: 1 } });
    try {
      const { id } = await pushWith(sim);
      const callbacks = await receiver.waitFor(id, 2);
      expect(callbacks[0]?.body).toBe(callbacks[1]?.body);
    } finally {
      await sim.close();
    }
  });

  it("replays identical identifiers for the same seed and clock", async () => {
    const run = async () => {
      const sim = await startSimulator({ port: 0, seed: 7, now: () => new Date("2025-03-14T12:30:13.069Z"), callbackDelayMs: 10_000 });
      try {
        const token = await getToken(sim.url);
        const res = await postJson(`${sim.url}/mpesa/stkpush/v1/processrequest`, token, stkPushBody({}, new Date("2025-03-14T12:30:13Z")));
        return { token, checkoutRequestId: res.body.CheckoutRequestID, merchantRequestId: res.body.MerchantRequestID };
      } finally {
        await sim.close();
      }
    };
    const first = await run();
    expect(first.checkoutRequestId).toBe("ws_CO_1403202515301369708374149");
    expect(first.merchantRequestId).toEqual(expect.any(String));
    expect(await run()).toEqual(first);
  });
});
