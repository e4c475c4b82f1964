import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createId } from "@/lib/ids";
import { createPayment, type CreatePaymentResult } from "@/lib/payments/create-payment";
import { recordQueryAnswer } from "@/lib/payments/record-query-answer";
import { waitUntil } from "@/lib/rails/daraja/simulator/test-support";
import type { Rail } from "@/lib/rails/rail";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { pushConversationId } from "./conversation-id";
import { scenarioMsisdn } from "./simulator/scenarios";
import type { RunningVodacomSimulator } from "./simulator/server";
import { railFor, startTestSimulator, type SentRequest } from "./simulator/test-support";

/**
 * The vodacom_c2b rail over HTTP against the Vodacom simulator, with payments stored in a real
 * PostgreSQL by the payment core (createPayment, recordQueryAnswer): what each test number leaves
 * on the payment, then what the status query makes of it.
 */

const CLIENT_TIMEOUT_MS = 1000;

describe("the Vodacom C2B rail against the simulator and PostgreSQL", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let sim: RunningVodacomSimulator;
  let rail: Rail;
  let storefrontId: string;
  /** Every call that reached the simulator's API (never its /__sim pages), in order. */
  const sent: SentRequest[] = [];
  let n = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrisma(database.url, 4);
    storefrontId = (await db.storefront.create({ data: { id: createId("sf"), name: "Duka la Vodacom" } })).id;
    // Our timeout (1 s) comes before the slow customer's PIN (1.5 s), which comes before Vodacom
    // gives up on the customer (2.5 s) and before a lost answer's connection is dropped (5 s).
    sim = await startTestSimulator({ slowPinMs: 1500, syncWaitMs: 2500, hangMs: 5000 });
    rail = railFor(sim, { sent, timeoutMs: CLIENT_TIMEOUT_MS });
  });
  afterAll(async () => {
    await sim?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  const charge = (phone: string, input: { amount?: number; rail?: Rail } = {}): Promise<CreatePaymentResult> =>
    createPayment(db, { storefrontId, mode: "TEST", input: { amount: input.amount ?? 1500, phone, reference: `INV-${++n}`, description: "Kitenge, 2 m" }, rail: input.rail ?? rail, expirySeconds: 900 });
  const paymentRow = (id: string) => db.payment.findUniqueOrThrow({ where: { id } });
  /** One status query, as the reconciler would record it. */
  const ask = async (id: string) => {
    const payment = await paymentRow(id);
    const reference = payment.checkoutRequestId ?? rail.statusReferenceFor(id)!;
    return (await recordQueryAnswer(db, { paymentId: id, answer: await rail.askStatus(reference), source: "query", schedule: null, now: new Date() })).payment;
  };
  const pushesOf = (id: string) => sent.filter((s) => s.api === "c2bPayment/singleStage" && s.body.includes(pushConversationId(id)));

  it.each([
    // scenario, what the push leaves on the payment, then the status after one status query (null: nothing left to ask)
    ["sandbox-success", { status: "PENDING" }, "SUCCEEDED"],
    ["sandbox-request-timeout", { status: "INITIATING", outcomeUnknown: true }, "FAILED"],
    ["sandbox-ussd-timeout", { status: "INITIATING", outcomeUnknown: true }, "FAILED"],
    ["sandbox-incorrect-pin", { status: "FAILED", failureCode: "mpesa_rejected" }, null],
    ["sandbox-internal-error", { status: "INITIATING", outcomeUnknown: true }, "INITIATING"],
    ["sandbox-transaction-failed", { status: "FAILED", failureCode: "mpesa_rejected" }, null],
    ["sandbox-invalid-amount", { status: "FAILED", failureCode: "mpesa_rejected" }, null],
    ["sandbox-insufficient-balance", { status: "FAILED", failureCode: "mpesa_rejected" }, null],
    ["sandbox-service-unavailable", { status: "FAILED", failureCode: "mpesa_unavailable" }, null],
    ["success", { status: "PENDING" }, "SUCCEEDED"],
    ["cancelled", { status: "FAILED", failureCode: "mpesa_rejected" }, null],
    // Our timeout ends the call while Vodacom still waits for the customer: the query says N/A.
    ["no-answer", { status: "INITIATING", outcomeUnknown: true }, "INITIATING"],
    ["insufficient-balance", { status: "FAILED", failureCode: "mpesa_rejected" }, null],
    ["ins1-but-paid", { status: "INITIATING", outcomeUnknown: true }, "SUCCEEDED"],
    ["answer-lost", { status: "INITIATING", outcomeUnknown: true }, "SUCCEEDED"],
    ["wrong-pin", { status: "FAILED", failureCode: "mpesa_rejected" }, null],
    ["manual", { status: "INITIATING", outcomeUnknown: true }, "INITIATING"],
  ] as const)("%s", async (scenario, afterPush, afterQuery) => {
    const { payment } = await charge(scenarioMsisdn(scenario));
    expect(payment).toMatchObject(afterPush);
    expect(pushesOf(payment.id)).toHaveLength(1);
    if (afterQuery) expect(await ask(payment.id)).toMatchObject({ status: afterQuery, queryCount: 1 });
    // Whatever happened, the push was made once.
    expect(sim.transactions().filter((t) => t.thirdPartyConversationId === pushConversationId(payment.id))).toHaveLength(1);
  });

  it("names the failure in Vodacom's code, and the status query's failure in the shared words", async () => {
    const declined = await charge(scenarioMsisdn("insufficient-balance"));
    expect(declined).toMatchObject({ kind: "rejected", error: { errorCode: "INS-2006", httpStatus: 422 } });
    const expired = await charge(scenarioMsisdn("sandbox-request-timeout"));
    expect(await ask(expired.payment.id)).toMatchObject({ status: "FAILED", failureCode: "no_response", resultCode: "INS-9" });
  });

  it("keeps a push whose HTTP call timed out unknown, never failed and never sent again, and the status query then says succeeded", async () => {
    const { kind, payment } = await charge(scenarioMsisdn("slow-pin"));
    expect(kind).toBe("unknown");
    // The rail names the push's conversation id itself, so the payment keeps it for the reconciler to ask by.
    expect(payment).toMatchObject({ status: "INITIATING", outcomeUnknown: true, checkoutRequestId: pushConversationId(payment.id) });
    // While the customer is still typing the query says N/A, which settles nothing; then Completed.
    const seen: string[] = [];
    const settled = await waitUntil(async () => {
      // As the reconciler would, not in a tight loop.
      if (seen.length > 0) await new Promise((resolve) => setTimeout(resolve, 150));
      const row = await ask(payment.id);
      seen.push(row.status);
      return row.status === "INITIATING" ? null : row;
    }, 8000);
    expect(settled).toMatchObject({ status: "SUCCEEDED" });
    expect(seen.slice(0, -1).every((status) => status === "INITIATING")).toBe(true);
    expect(pushesOf(payment.id)).toHaveLength(1);
    const events = await db.paymentEvent.findMany({ where: { paymentId: payment.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).not.toContain("fail");
    expect(events.find((e) => e.type === "succeed")).toMatchObject({ source: "query", fromStatus: "INITIATING" });
  });

  it("renews a session that expired mid-run exactly once for 20 concurrent pushes, none lost or doubled", async () => {
    await charge(scenarioMsisdn("success"));
    const issued = sim.sessionsIssued();
    sim.expireSessions();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => charge(`0754 1${String(i).padStart(2, "0")} 555`)));
    expect(sim.sessionsIssued() - issued).toBe(1);
    expect(results.map((r) => r.payment.status)).toEqual(Array(20).fill("PENDING"));
    const conversations = results.map((r) => pushConversationId(r.payment.id));
    const taken = sim.transactions().filter((t) => conversations.includes(t.thirdPartyConversationId));
    expect(taken).toHaveLength(20);
    expect(new Set(taken.map((t) => t.thirdPartyConversationId)).size).toBe(20);
    // Each payment stores the conversation the status query will ask by.
    expect(results.map((r) => r.payment.checkoutRequestId)).toEqual(conversations);
  });

  it("never starts a second conversation for one payment: pushed again, it is the same id, refused as a duplicate, still unknown", async () => {
    const { payment } = await charge(scenarioMsisdn("success"));
    const again = await rail.startCharge({ paymentId: payment.id, mode: "TEST", amount: 1500, phone: payment.phone, reference: payment.reference });
    expect(again).toMatchObject({ kind: "unknown", reason: expect.stringContaining("first request") });
    const records = sim.transactions().filter((t) => t.thirdPartyConversationId === pushConversationId(payment.id));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ state: "completed" });
    expect(await ask(payment.id)).toMatchObject({ status: "SUCCEEDED" });
  });

  it("refuses bad input before anything is sent: a fractional TZS amount, a number that is not Tanzanian", async () => {
    const fresh: typeof sent = [];
    const quiet = railFor(sim, { sent: fresh });
    const before = { transactions: sim.transactions().length, sessions: sim.sessionsIssued() };
    const request = { paymentId: "pay_bad_input_1", mode: "TEST" as const, amount: 1500, phone: "255754123456", reference: "INV-BAD" };
    expect(await quiet.startCharge({ ...request, amount: 1500.5 })).toMatchObject({ kind: "rejected", error: { kind: "permanent", field: "amount", message: expect.stringMatching(/whole number of TZS/) } });
    expect(await quiet.startCharge({ ...request, phone: "254712345678" })).toMatchObject({ kind: "rejected", error: { field: "phone" } });
    expect(quiet.normalisePhone("+254 712 345 678")).toBeNull();
    expect(quiet.normalisePhone("0712 345 678")).toBe("255712345678");
    const stored = await charge("+254 712 345 678", { rail: quiet });
    expect(stored).toMatchObject({ kind: "rejected", payment: { status: "FAILED", failureCode: "mpesa_rejected" } });
    expect(fresh).toEqual([]);
    expect({ transactions: sim.transactions().length, sessions: sim.sessionsIssued() }).toEqual(before);
  });
});
