import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { createDarajaClient } from "../client";
import { createDarajaApi } from "../daraja-api";
import { requestB2cPayment } from "../initiator/b2c-payment";
import { ledgerLineFromPull } from "../ledger-line";
import { startNotificationReceiver, simulatorConfig, simulatorInitiator, type NotificationReceiver } from "../simulator/ledger-test-support";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../simulator/server";
import { waitUntil } from "../simulator/test-support";
import { PULL_QUERY_PATH, queryPullTransactions } from "./query";
import { registerPullTransactions } from "./register";
import { planPullWindow, pullTransactionsWindow } from "./window";

/**
 * Pull Transactions over HTTP against the simulator, on an injected clock: registration (1000,
 * then 1001 in the old spelling), 1001 before registering, pagination in both OffSetValue readings,
 * the 48-hour limits, a late line caught by the next overlapping window, and a window that failed
 * half-way reported as failed so it is asked again.
 */
const silent = pino({ level: "silent" });
const MINUTE = 60_000;
const T0 = new Date("2026-10-01T07:00:00Z"); // 10:00 EAT
const REGISTER = { shortCode: SANDBOX_SHORTCODE, nominatedNumber: "254708374149", callbackUrl: "http://127.0.0.1:9/pull" };

let clock = T0;
const now = () => clock;
let receiver: NotificationReceiver;
const sims: RunningSimulator[] = [];

async function simulator(options: SimulatorOptions = {}) {
  const sim = await startSimulator({ port: 0, seed: `pull-${sims.length}`, now, callbackDelayMs: 10, pullPageSize: 2, ...options });
  sims.push(sim);
  return { sim, api: createDarajaApi(simulatorConfig(sim), { logger: silent, now }) };
}

async function payAt(sim: RunningSimulator, at: Date, amount: number, ref: string, msisdn = "254712345126") {
  clock = at;
  const res = await fetch(`${sim.url}/__sim/c2b/pay`, { method: "POST", body: JSON.stringify({ shortcode: SANDBOX_SHORTCODE, amount, billRefNumber: ref, msisdn }) });
  return ((await res.json()) as { receipt: string }).receipt;
}

beforeAll(async () => {
  receiver = await startNotificationReceiver();
});
afterEach(() => {
  clock = T0;
});
afterAll(async () => {
  await Promise.all([...sims.map((s) => s.close()), receiver.close()]);
});

describe("registerPullTransactions", () => {
  it("registers once (1000), and every later call says already registered (1001, keys with spaces)", async () => {
    const { api } = await simulator();
    expect(await registerPullTransactions(api, REGISTER)).toMatchObject({ kind: "registered", alreadyRegistered: false, description: "Shortcode Registered Successfully" });
    expect(await registerPullTransactions(api, REGISTER)).toMatchObject({ kind: "registered", alreadyRegistered: true, description: "ShortCode already Registered" });
  });

  it("refuses a 07… nominated number locally, an unknown shortcode at Daraja", async () => {
    const { api } = await simulator();
    expect(await registerPullTransactions(api, { ...REGISTER, nominatedNumber: "0708374149" })).toMatchObject({ kind: "rejected", error: { field: "nominatedNumber" } });
    expect(await registerPullTransactions(api, { ...REGISTER, shortCode: "999999" })).toMatchObject({ kind: "rejected", error: { errorCode: "400.001" } });
  });
});

describe("queryPullTransactions and pullTransactionsWindow", () => {
  it("answer 1001 before the shortcode is registered, as for an empty window", async () => {
    const { sim, api } = await simulator();
    await payAt(sim, T0, 100, "A");
    const window = { shortCode: SANDBOX_SHORTCODE, start: new Date(T0.getTime() - 60 * MINUTE), end: new Date(T0.getTime() + MINUTE) };
    expect(await queryPullTransactions(api, { ...window, offset: 0 })).toMatchObject({ kind: "none", message: "No records found or Organization Name not available" });
    await registerPullTransactions(api, REGISTER);
    expect(await queryPullTransactions(api, { ...window, offset: 0 })).toMatchObject({ kind: "page", rowCount: 1 });
  });

  it.each(["rows", "pages"] as const)("walk every page with OffSetValue read as %s: C2B, STK and B2C lines, each once", async (mode) => {
    const { sim, api } = await simulator({ pullOffsetMode: mode, resultDelayMs: 10 });
    await registerPullTransactions(api, REGISTER);
    const receipts = [];
    for (let i = 0; i < 5; i++) receipts.push(await payAt(sim, new Date(T0.getTime() + i * MINUTE), 100 + i, `INV${i}`));
    clock = new Date(T0.getTime() + 8 * MINUTE);
    const stk = createDarajaClient(simulatorConfig(sim), { logger: silent, now });
    expect((await stk.stkPush({ amount: 900, phone: "254708374149", accountReference: "STK1", callbackUrl: `${receiver.url}/stk` })).kind).toBe("accepted");
    receipts.push(await waitUntil(() => sim.transactions()[5]?.receipt));
    clock = new Date(T0.getTime() + 10 * MINUTE);
    const b2c = await requestB2cPayment(api, { initiator: simulatorInitiator(sim), originatorConversationId: `pull-${mode}`, amount: 50, partyA: SANDBOX_SHORTCODE,
      partyB: "254712345126", resultUrl: `${receiver.url}/b2c/${mode}`, queueTimeoutUrl: `${receiver.url}/timeout` });
    expect(b2c.kind).toBe("accepted");
    await receiver.waitFor(`/b2c/${mode}`);

    let requests = 0;
    const walk = await pullTransactionsWindow(api, { shortCode: SANDBOX_SHORTCODE, start: new Date(T0.getTime() - 60 * MINUTE), end: clock, offsetMode: mode,
      beforeRequest: async () => void requests++ });
    if (walk.kind !== "complete") throw walk.error;
    // 7 lines, 2 a page: 4 pages, then an empty one (the page size is not known to the client).
    expect(walk).toMatchObject({ pages: 5, truncated: false, unreadableRows: 0 });
    expect(requests).toBe(5);
    expect(walk.transactions.map((t) => t.receipt)).toEqual([...receipts, sim.transactions()[6]!.receipt]);
    expect(walk.transactions.map((t) => t.direction)).toEqual(["in", "in", "in", "in", "in", "in", "out"]);
    expect(walk.transactions[5]).toMatchObject({ amountMinor: 90000, billReference: "STK1", msisdn: { kind: "full", msisdn: "254708374149" } });
    expect(walk.transactions[0]).toMatchObject({ amountMinor: 10000, billReference: "INV0", transactionType: "c2b-pay-bill-debit", msisdn: { kind: "full", msisdn: "254712345126" } });
    // Pull cuts trxDate to the minute, in UTC labelled Z.
    expect(walk.transactions[1]!.trxDate).toBe("2026-10-01T07:01:00Z");
    expect(ledgerLineFromPull(walk.transactions[6]!, SANDBOX_SHORTCODE)).toMatchObject({ source: "pull", direction: "out", amountMinor: 5000 });
  });

  it("a line M-Pesa lists late is missed by one window and caught by the next, overlapping one", async () => {
    const { sim, api } = await simulator({ pullLagMs: 10 * MINUTE });
    await registerPullTransactions(api, REGISTER);
    const paidAt = new Date(T0.getTime() + 30 * MINUTE);
    const receipt = await payAt(sim, paidAt, 700, "LATE");

    clock = new Date(paidAt.getTime() + 2 * MINUTE);
    const first = planPullWindow({ now: clock, pulledUntil: new Date(T0.getTime() + 25 * MINUTE), overlapMs: 60 * MINUTE });
    const missed = await pullTransactionsWindow(api, { shortCode: SANDBOX_SHORTCODE, ...first });
    expect(missed).toMatchObject({ kind: "complete", transactions: [] });

    clock = new Date(paidAt.getTime() + 15 * MINUTE);
    const second = planPullWindow({ now: clock, pulledUntil: first.end, overlapMs: 60 * MINUTE });
    expect(second.start.getTime()).toBeLessThan(first.end.getTime());
    const caught = await pullTransactionsWindow(api, { shortCode: SANDBOX_SHORTCODE, ...second });
    expect(caught).toMatchObject({ kind: "complete", transactions: [{ receipt, amountMinor: 70000 }] });
  });

  it("respect the 48-hour limits: a longer window is refused before Daraja, older lines are gone", async () => {
    const { sim, api } = await simulator();
    await registerPullTransactions(api, REGISTER);
    await payAt(sim, T0, 100, "OLD");
    const tooLong = await queryPullTransactions(api, { shortCode: SANDBOX_SHORTCODE, start: T0, end: new Date(T0.getTime() + 49 * 60 * MINUTE), offset: 0 });
    expect(tooLong).toMatchObject({ kind: "error", error: { kind: "permanent", field: "EndDate" } });
    clock = new Date(T0.getTime() + 50 * 60 * MINUTE);
    expect(await queryPullTransactions(api, { shortCode: SANDBOX_SHORTCODE, start: new Date(T0.getTime() - MINUTE), end: new Date(T0.getTime() + MINUTE), offset: 0 }))
      .toMatchObject({ kind: "none" });
  });

  it("a window with a failed page is failed as a whole, to be asked again", async () => {
    const { sim } = await simulator();
    let pullCalls = 0;
    const flaky: typeof fetch = (input, init) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      if (path === PULL_QUERY_PATH && ++pullCalls === 2) return Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }));
      return fetch(input, init);
    };
    const api = createDarajaApi(simulatorConfig(sim), { logger: silent, now, fetch: flaky });
    await registerPullTransactions(api, REGISTER);
    for (let i = 0; i < 3; i++) await payAt(sim, new Date(T0.getTime() + i * MINUTE), 10, `F${i}`);
    const result = await pullTransactionsWindow(api, { shortCode: SANDBOX_SHORTCODE, start: new Date(T0.getTime() - MINUTE), end: new Date(T0.getTime() + 5 * MINUTE) });
    expect(result).toMatchObject({ kind: "failed", pages: 2, error: { kind: "retryable" } });
  });
});
