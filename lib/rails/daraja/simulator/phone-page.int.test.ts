import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioPhone } from "./scenarios";
import { startSimulator } from "./server";
import { getToken, postJson, startCallbackReceiver, stkPushBody, stkQueryBody, type CallbackReceiver } from "./test-support";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const MANUAL = scenarioPhone("manual");

describe("the customer's phone page", () => {
  let sim: Simulator;
  let receiver: CallbackReceiver;
  let token: string;

  const push = async (overrides: Record<string, unknown> = {}) => {
    const res = await postJson(`${sim.url}/mpesa/stkpush/v1/processrequest`, token,
      stkPushBody({ PhoneNumber: MANUAL, PartyA: MANUAL, CallBackURL: `${receiver.url}/cb`, ...overrides }));
    expect(res.status).toBe(200);
    return String(res.body.CheckoutRequestID);
  };
  const answer = (id: string, action: "accept" | "cancel", pin?: string, phone = MANUAL) =>
    fetch(`${sim.url}/phone/${phone}/${id}/${action}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(pin === undefined ? {} : { pin }).toString(),
      redirect: "manual",
    });
  const resultOf = async (id: string) => (await receiver.waitFor(id))[0]?.json as { Body: { stkCallback: Record<string, unknown> } };

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    // Manual prompts outlive the test unless answered, except where a test waits for the timeout.
    sim = await startSimulator({ port: 0, callbackDelayMs: 2_000, manualTimeoutMs: 400, customerPin: "4321" });
    token = await getToken(sim.url);
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it("lists a prompt with its amount and escaped account reference, with Accept and Cancel", async () => {
    const id = await push({ Amount: 2500, AccountReference: `<b>"x"&'</b>` });
    const res = await fetch(`${sim.url}/phone/${MANUAL}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("Ksh 2,500");
    expect(html).toContain("&#60;b&#62;&#34;x&#34;&#38;&#39;&#60;/b&#62;");
    expect(html).not.toContain("<b>");
    expect(html).toContain(`/phone/${MANUAL}/${id}/accept`);
    expect(html).toContain(`/phone/${MANUAL}/${id}/cancel`);
    await answer(id, "cancel");
  });

  it("Accept with the right PIN pays: success callback and final query", async () => {
    const id = await push({ Amount: 75 });
    const res = await answer(id, "accept", "4321");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/phone/${MANUAL}`);
    const stk = (await resultOf(id)).Body.stkCallback;
    expect(stk).toMatchObject({ ResultCode: 0, CallbackMetadata: { Item: expect.arrayContaining([{ Name: "Amount", Value: 75 }]) } });
    const query = await postJson(`${sim.url}/mpesa/stkpushquery/v1/query`, token, stkQueryBody(id));
    expect(query.body).toMatchObject({ ResultCode: "0" });
    const html = await (await fetch(`${sim.url}/phone/${MANUAL}`)).text();
    expect(html).toMatch(/Paid · receipt [A-Z0-9]{10}/);
  });

  it("Accept with a wrong PIN ends the prompt as 2001", async () => {
    const id = await push();
    expect((await answer(id, "accept", "0000")).status).toBe(303);
    expect((await resultOf(id)).Body.stkCallback).toEqual({
      MerchantRequestID: expect.any(String), CheckoutRequestID: id, ResultCode: 2001, ResultDesc: "The initiator information is invalid.",
    });
  });

  it("Cancel ends the prompt as 1032, and a second answer is refused", async () => {
    const id = await push();
    expect((await answer(id, "cancel")).status).toBe(303);
    expect((await resultOf(id)).Body.stkCallback).toMatchObject({ ResultCode: 1032, ResultDesc: "Request cancelled by user" });
    const again = await answer(id, "accept", "4321");
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("no longer waiting");
    expect(receiver.forCheckout(id)).toHaveLength(1);
  });

  it("a prompt nobody answers times out as 1037", async () => {
    const started = Date.now();
    const id = await push();
    const stk = (await resultOf(id)).Body.stkCallback;
    expect(stk).toMatchObject({ ResultCode: 1037, ResultDesc: "No response from user." });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect((await answer(id, "cancel")).status).toBe(409);
  });

  it("lets a person answer an ordinary number before it pays by itself", async () => {
    const phone = "254799000111";
    const id = await push({ PhoneNumber: phone, PartyA: phone });
    expect((await answer(id, "cancel", undefined, phone)).status).toBe(303);
    expect((await resultOf(id)).Body.stkCallback).toMatchObject({ ResultCode: 1032 });
  });

  it("does not let a scripted scenario's prompt be answered", async () => {
    const phone = scenarioPhone("pending-forever");
    const id = await push({ PhoneNumber: phone, PartyA: phone });
    expect((await answer(id, "accept", "4321", phone)).status).toBe(409);
    expect((await answer(id, "accept", "4321", MANUAL)).status).toBe(404);
  });

  it("indexes phones and opens a number typed in the form", async () => {
    const index = await (await fetch(`${sim.url}/phone`)).text();
    expect(index).toContain(`href="/phone/${MANUAL}"`);
    const open = await fetch(`${sim.url}/phone?msisdn=${MANUAL}`, { redirect: "manual" });
    expect(open.status).toBe(303);
    expect(open.headers.get("location")).toBe(`/phone/${MANUAL}`);
    const bad = await fetch(`${sim.url}/phone?msisdn=${encodeURIComponent("<script>")}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain("<script>");
  });
});
