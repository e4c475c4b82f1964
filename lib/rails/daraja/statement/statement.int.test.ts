import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "@/lib/env";
import { createDarajaClient } from "../client";
import { createDarajaApi } from "../daraja-api";
import { requestB2cPayment } from "../initiator/b2c-payment";
import { parseInitiatorResult } from "../initiator/result";
import { requestReversal } from "../initiator/reversal";
import { readReversalResult } from "../initiator/reversal-result";
import { ledgerLineFromReversal, ledgerLineFromStatement } from "../ledger-line";
import { majorToMinor } from "../money";
import { startNotificationReceiver, simulatorConfig, simulatorInitiator, type NotificationReceiver } from "../simulator/ledger-test-support";
import { startSimulator, type RunningSimulator } from "../simulator/server";
import { waitUntil } from "../simulator/test-support";
import { parseStatement, parseStatementText } from "./parse-statement";

/**
 * The simulator's org portal statement, downloaded over HTTP and read back with the gateway's
 * parser, must say exactly what the simulator saw: STK and C2B payments (paybill and till), a
 * reversal and a B2C payout, with running balances and totals that add up, for any range.
 */
const silent = pino({ level: "silent" });
const TILL = "5544332";
const MINUTE = 60_000;
const DAY_START = new Date("2026-09-30T21:00:00Z"); // 1 October 2026, 00:00 EAT
let clock = new Date(DAY_START.getTime() + 8 * 60 * MINUTE);
const now = () => clock;
const advance = (minutes: number) => void (clock = new Date(clock.getTime() + minutes * MINUTE));

let sim: RunningSimulator;
let receiver: NotificationReceiver;
let reversalLine: ReturnType<typeof ledgerLineFromReversal>;

async function download(query: string) {
  const res = await fetch(`${sim.url}/__sim/statement.csv?${query}`);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

beforeAll(async () => {
  receiver = await startNotificationReceiver();
  sim = await startSimulator({ port: 0, seed: "statement", now, callbackDelayMs: 10, resultDelayMs: 10, openingBalances: { [SANDBOX_SHORTCODE]: 10_000 },
    organisationNames: { [SANDBOX_SHORTCODE]: "ACME SHOP LIMITED" }, shortcodes: [{ shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY, tills: [TILL] }] });
  const config = simulatorConfig(sim);
  const api = createDarajaApi(config, { logger: silent, now });
  const stk = createDarajaClient(config, { logger: silent, now });
  const pay = (body: Record<string, unknown>) => fetch(`${sim.url}/__sim/c2b/pay`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ receipt: string }>);

  await stk.stkPush({ amount: 2000, phone: "254708374126", accountReference: "INV00042", callbackUrl: `${receiver.url}/stk` });
  await waitUntil(() => sim.transactions()[0]);
  advance(30);
  const paid = await pay({ shortcode: SANDBOX_SHORTCODE, amount: 1500, billRefNumber: "INV00041", msisdn: "254712345415" });
  advance(30);
  await pay({ shortcode: TILL, amount: 350, msisdn: "254712345999" });
  advance(60);
  await requestReversal(api, { initiator: simulatorInitiator(sim), transactionId: paid.receipt, amount: 1500, receiverParty: SANDBOX_SHORTCODE,
    resultUrl: `${receiver.url}/reversal`, queueTimeoutUrl: `${receiver.url}/timeout` });
  const [result] = await receiver.waitFor("/reversal");
  const parsed = parseInitiatorResult(result!.body);
  if (!parsed.ok) throw new Error(parsed.reason);
  reversalLine = ledgerLineFromReversal(readReversalResult(parsed.result), SANDBOX_SHORTCODE);
  advance(60);
  await requestB2cPayment(api, { initiator: simulatorInitiator(sim), originatorConversationId: "statement-b2c", amount: 500, partyA: SANDBOX_SHORTCODE,
    partyB: "254708374126", resultUrl: `${receiver.url}/b2c`, queueTimeoutUrl: `${receiver.url}/timeout` });
  await receiver.waitFor("/b2c");
  advance(24 * 60);
});

afterAll(async () => {
  await Promise.all([sim.close(), receiver.close()]);
});

describe("GET /__sim/statement.csv", () => {
  it("downloads the day in the portal's layout, and reading it back gives exactly what the simulator saw", async () => {
    const { status, headers, text } = await download(`from=2026-10-01&to=2026-10-01&shortcode=${SANDBOX_SHORTCODE}`);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toContain("text/csv");
    expect(headers.get("content-disposition")).toMatch(/ORG_174379_Utility Account_Completed_\d{14}\.csv/);
    expect(text).toContain("\r\n");
    const { report, lines } = await parseStatementText(text, { fileName: "ORG_174379_Utility Account_Completed_20261002083000.csv" });
    if (!report.ok) throw new Error(report.error);
    const seen = sim.transactions();
    expect(seen.map((t) => t.kind)).toEqual(["stk", "c2b", "c2b", "reversal", "b2c"]);
    expect(report).toMatchObject({ layout: "A", lines: 5, rejected: 0, flagged: 0, checks: { totalPaidIn: true, totalWithdrawn: true, balance: true },
      header: { shortCode: SANDBOX_SHORTCODE, accountHolder: "ACME SHOP LIMITED", openingBalanceMinor: majorToMinor(10_000), closingBalanceMinor: majorToMinor(11_850) } });
    expect(report.header.periodFrom).toEqual(DAY_START);

    // The portal lists newest first; the simulator keeps them oldest first.
    const read = [...lines].reverse();
    expect(read.map((l) => ({ receipt: l.receipt, at: l.completedAt.toISOString(), paidIn: l.paidInMinor, withdrawn: l.withdrawnMinor, balance: l.balanceMinor,
      linked: l.linkedReceipt, account: l.accountNumber }))).toEqual(seen.map((t) => {
      const credit = t.kind === "stk" || t.kind === "c2b";
      return { receipt: t.receipt, at: t.completedAt, paidIn: credit ? majorToMinor(t.amount) : 0, withdrawn: credit ? 0 : majorToMinor(t.amount),
        balance: majorToMinor(t.balanceAfter), linked: t.linkedReceipt, account: t.channel === "till" ? null : t.billRef };
    }));
    expect(read.map((l) => l.kind)).toEqual(["payment_in", "payment_in", "payment_in", "reversal", "b2c_payment"]);
    expect(read[0]).toMatchObject({ reasonType: "Pay Bill Online", otherParty: { msisdn: { kind: "masked", prefix: "2547", suffix: "126" } } });
    expect(text).not.toContain("254708374126");
    // The reversal reads the same from its API result and from the statement.
    expect(ledgerLineFromStatement(read[3]!, SANDBOX_SHORTCODE)).toMatchObject({
      receipt: reversalLine!.receipt, direction: reversalLine!.direction, amountMinor: reversalLine!.amountMinor, linkedReceipt: reversalLine!.linkedReceipt });
  });

  it("for part of the day: the opening balance carries what came before", async () => {
    const seen = sim.transactions();
    const { text } = await download(`from=2026-10-01T08:15:00&to=2026-10-01T23:59:59&shortcode=${TILL}`);
    let count = 0;
    const report = await parseStatement([text], { onLine: () => void count++ });
    if (!report.ok) throw new Error(report.error);
    expect(count).toBe(4);
    expect(report.header.openingBalanceMinor).toBe(majorToMinor(seen[0]!.balanceAfter));
    expect(report.checks).toEqual({ totalPaidIn: true, totalWithdrawn: true, balance: true });
  });

  it("an empty range is a statement with no lines; bad parameters are a clear 400", async () => {
    const { text } = await download("from=2026-09-01&to=2026-09-02");
    expect(await parseStatementText(text)).toMatchObject({ report: { ok: true, lines: 0, checks: { balance: true } }, lines: [] });
    for (const query of ["from=yesterday", "from=2026-10-02&to=2026-10-01", "shortcode=999999", "to=2026-13-45"]) {
      const { status, text: message } = await download(query);
      expect(status).toBe(400);
      expect(message.length).toBeGreaterThan(10);
    }
  });
});
