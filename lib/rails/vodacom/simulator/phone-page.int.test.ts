import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/rails/daraja/simulator/test-support";
import type { VodacomClient } from "../client";
import { scenarioMsisdn } from "./scenarios";
import type { RunningVodacomSimulator } from "./server";
import { apiPath, bearerFor, clientFor, rawRequest, rawSession, startTestSimulator } from "./test-support";

/** The synchronous wait with a person on the phone page: the push's HTTP call ends when they answer. */
describe("the Vodacom simulator's phone page", () => {
  let sim: RunningVodacomSimulator;
  let client: VodacomClient;
  let n = 0;
  beforeAll(async () => {
    // A long PIN delay gives a person time to answer a default-scenario prompt first.
    sim = await startTestSimulator({ syncWaitMs: 10_000, pinDelayMs: 10_000 });
    client = clientFor(sim);
  });
  afterAll(() => sim.close());

  const answered = new Set<string>();
  const page = async (msisdn: string) => (await fetch(`${sim.url}/phone/${msisdn}`)).text();
  /** Starts a push and waits until its prompt is on the phone; returns the pending push and its ConversationID. */
  const prompt = async (msisdn: string) => {
    const attemptId = `pay_phone_${++n}`;
    const pending = client.c2bPayment({ attemptId, amount: 7500, phone: msisdn, reference: `PH-${n}`, description: "Mafuta" });
    const conversationId = await waitUntil(async () => {
      const html = await page(msisdn);
      return [...html.matchAll(/data-conversation-id="([0-9a-f]{32})"[^]*?Waiting for your PIN/g)].map((m) => m[1]).find((id) => id && !answered.has(id)) ?? null;
    });
    answered.add(conversationId);
    return { pending, conversationId };
  };
  const answer = (msisdn: string, id: string, action: "accept" | "cancel", pin = "") =>
    fetch(`${sim.url}/phone/${msisdn}/${id}/${action}`, { method: "POST", body: new URLSearchParams({ pin }), redirect: "manual" });

  it("holds the push until the customer accepts with the PIN, then answers INS-0", async () => {
    const msisdn = scenarioMsisdn("manual");
    const { pending, conversationId } = await prompt(msisdn);
    expect(await page(msisdn)).toContain("TZS 7500");
    const accepted = await answer(msisdn, conversationId, "accept", "1234");
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(`/phone/${msisdn}`);
    expect(await pending).toMatchObject({ kind: "succeeded", conversationId, transactionId: expect.any(String) });
    expect(await page(msisdn)).toMatch(/Paid · [A-Za-z0-9]{12}/);
  });

  it("answers a wrong PIN with INS-2001 and a cancel with INS-5", async () => {
    const msisdn = scenarioMsisdn("manual");
    const wrong = await prompt(msisdn);
    await answer(msisdn, wrong.conversationId, "accept", "0000");
    expect(await wrong.pending).toMatchObject({ kind: "failed", code: "INS-2001" });
    const cancel = await prompt(msisdn);
    await answer(msisdn, cancel.conversationId, "cancel");
    expect(await cancel.pending).toMatchObject({ kind: "cancelled", code: "INS-5" });
  });

  it("lets a person answer any other number's prompt before the scripted customer does", async () => {
    const { pending, conversationId } = await prompt("255754987654");
    await answer("255754987654", conversationId, "cancel");
    expect(await pending).toMatchObject({ kind: "cancelled" });
  });

  it("refuses to answer a closed prompt (409) or one that is not on this phone (404)", async () => {
    const msisdn = scenarioMsisdn("manual");
    const { pending, conversationId } = await prompt(msisdn);
    await answer(msisdn, conversationId, "cancel");
    await pending;
    expect((await answer(msisdn, conversationId, "accept", "1234")).status).toBe(409);
    expect((await answer("255754000001", conversationId, "accept", "1234")).status).toBe(404);
    expect((await answer(msisdn, "0".repeat(32), "cancel")).status).toBe(404);
  });

  it("escapes what callers put on the prompt", async () => {
    const auth = { Authorization: bearerFor(sim, await rawSession(sim)) };
    const answerToPush = rawRequest(sim, apiPath("c2bPayment/singleStage"), {
      method: "POST", headers: auth,
      body: JSON.stringify({ input_Amount: "10", input_Country: "TZN", input_Currency: "TZS", input_CustomerMSISDN: "255754111222", input_ServiceProviderCode: "000000",
        input_ThirdPartyConversationID: "xss1", input_TransactionReference: "<b>x</b>", input_PurchasedItemsDesc: "<script>" }),
    });
    const html = await waitUntil(async () => {
      const text = await page("255754111222");
      return text.includes("data-conversation-id") ? text : null;
    });
    expect(html).toContain("&#60;b&#62;x&#60;/b&#62;");
    expect(html).not.toContain("<b>x</b>");
    const id = /data-conversation-id="([0-9a-f]{32})"/.exec(html)?.[1] ?? "";
    await answer("255754111222", id, "accept", "1234");
    expect((await answerToPush).status).toBe(201);
  });

  it("lists phones and test numbers, and opens a phone by number", async () => {
    const index = await (await fetch(`${sim.url}/phone`)).text();
    expect(index).toContain(scenarioMsisdn("manual"));
    expect(index).toContain("000000000009");
    expect((await fetch(`${sim.url}/phone?msisdn=%2B255754000009`, { redirect: "manual" })).headers.get("location")).toBe("/phone/255754000009");
    expect((await fetch(`${sim.url}/phone?msisdn=hello`)).status).toBe(400);
  });
});
