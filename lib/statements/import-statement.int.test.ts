import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "@/lib/env";
import { recordLedgerLine } from "@/lib/ledger/record-ledger-line";
import { ledgerLineFromStatement } from "@/lib/rails/daraja/ledger-line";
import { parseStatementText } from "@/lib/rails/daraja/statement/parse-statement";
import { LAYOUT_A } from "@/lib/rails/daraja/statement/statement.fixtures";
import { startSimulator, type RunningSimulator } from "@/lib/rails/daraja/simulator/server";
import { insertStorefront } from "@/lib/testing/payment-fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { ImportSlots } from "./import-slots";
import { receiveStatementUpload, STATEMENT_UPLOAD_HEADER } from "./receive-statement-upload";

/**
 * Statement import against real PostgreSQL and the simulator's org portal download over HTTP:
 * lines recorded once with coverage, a re-upload that changes nothing, a disagreement recorded,
 * and every malformed file answered with a report and no change to anything it could not read.
 */
let database: TestDatabase;
let db: PrismaClient;
let env: Env;
let sim: RunningSimulator;
let simAccount: string;
let fixtureAccount: string;
const TILL = "5544332";
const MINUTE = 60_000;
const DAY_START = new Date("2026-09-30T21:00:00Z"); // 1 October 2026, 00:00 EAT
let clock = new Date(DAY_START.getTime() + 8 * 60 * MINUTE);
const now = new Date("2026-10-02T06:00:00Z");
const actor = { id: null, email: "finance@statements.test" };

function upload(body: BodyInit | null, accountId: string, fileName = "statement.csv", headers: Record<string, string> = {}) {
  const request = new Request("http://localhost/api/statements", {
    method: "POST", body, headers: { [STATEMENT_UPLOAD_HEADER]: "statement", ...headers }, ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return receiveStatementUpload(db, env, { request, accountId, fileName, actor, ip: "127.0.0.1", now });
}

async function state() {
  const [lines, imports, coverage, audits] = await Promise.all([
    db.ledgerLine.findMany({ orderBy: { receipt: "asc" } }), db.statementImport.count(), db.ledgerCoverage.count(), db.auditLog.count(),
  ]);
  return { lines, imports, coverage, audits };
}

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  (await import("@/lib/env")).resetEnvForTests();
  env = (await import("@/lib/env")).getEnv();
  db = (await import("@/lib/db/client")).getDb();
  const storefrontId = (await insertStorefront(db)).id;
  simAccount = "acct_statement_sim";
  fixtureAccount = "acct_statement_fixture";
  const account = (id: string, shortcode: string) => db.collectionAccount.create({
    data: { id, storefrontId, mode: "TEST", name: `Paybill ${shortcode}`, source: "DASHBOARD", settings: { environment: "simulator", shortcode, tillNumber: null } },
  });
  await account(simAccount, SANDBOX_SHORTCODE);
  await account(fixtureAccount, "600984");
  sim = await startSimulator({ port: 0, seed: "statement-import", now: () => clock, callbackDelayMs: 10, resultDelayMs: 10,
    openingBalances: { [SANDBOX_SHORTCODE]: 10_000 }, shortcodes: [{ shortcode: SANDBOX_SHORTCODE, passkey: SANDBOX_PASSKEY, tills: [TILL] }] });
  const pay = async (body: Record<string, unknown>) => {
    await fetch(`${sim.url}/__sim/c2b/pay`, { method: "POST", body: JSON.stringify(body) });
    clock = new Date(clock.getTime() + 30 * MINUTE);
  };
  await pay({ shortcode: SANDBOX_SHORTCODE, amount: 1500, billRefNumber: "INV00041", msisdn: "254712345415" });
  await pay({ shortcode: SANDBOX_SHORTCODE, amount: 700, billRefNumber: "INV00043", msisdn: "254712345416" });
  await pay({ shortcode: TILL, amount: 350, msisdn: "254712345999" });
});

afterAll(async () => {
  await sim?.close();
  await (await import("@/lib/db/client")).disconnectDb();
  await database?.drop();
});

describe("statement import", () => {
  it("records the simulator's statement lines once, with coverage of its period, and a second upload changes nothing", async () => {
    const text = await (await fetch(`${sim.url}/__sim/statement.csv?from=2026-10-01&to=2026-10-01&shortcode=${SANDBOX_SHORTCODE}`)).text();
    const { lines } = await parseStatementText(text);
    const [newest, middle] = lines;
    // Another source saw two of these receipts first, one of them with another amount.
    for (const [l, amountMinor] of [[newest!, newest!.paidInMinor], [middle!, middle!.paidInMinor + 100]] as const) {
      const line = { ...ledgerLineFromStatement(l, SANDBOX_SHORTCODE)!, source: "c2b_confirmation" as const, amountMinor };
      await db.$transaction((tx) => recordLedgerLine(tx, { collectionAccountId: simAccount, mode: "TEST", currency: "KES", line }, now));
    }

    const first = await upload(text, simAccount, "ORG_174379_Utility Account_Completed_20261002083000.csv");
    expect(first.status).toBe(201);
    expect(first.report).toMatchObject({
      outcome: "imported", layout: "A", shortCode: SANDBOX_SHORTCODE, periodFrom: DAY_START.toISOString(),
      counts: { read: 3, recorded: 1, updated: 2, alreadyKnown: 0, disagreements: 1, rejected: 0 },
      disagreements: [{ receipt: middle!.receipt, disagreement: expect.stringContaining("statement gives amount") }],
      coverage: { recorded: true },
    });
    const after = await state();
    expect(after.lines.map((l) => [l.receipt, l.sources])).toEqual(expect.arrayContaining([
      [newest!.receipt, ["c2b_confirmation", "statement"]], [middle!.receipt, ["c2b_confirmation", "statement"]], [lines[2]!.receipt, ["statement"]],
    ]));
    expect(after.lines.find((l) => l.receipt === middle!.receipt)).toMatchObject({ matchStatus: "PENDING", disagreement: expect.stringContaining("statement") });
    const coverage = await db.ledgerCoverage.findFirstOrThrow();
    expect(coverage).toMatchObject({ collectionAccountId: simAccount, source: "statement", reference: first.report.importId, fromTime: DAY_START });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "statement.import" } })).toMatchObject({ actorEmail: actor.email, entityId: first.report.importId });

    // The same bytes again, under another name: answered from the first import, nothing written.
    const again = await upload(text, simAccount, "copy.csv");
    expect(again.status).toBe(200);
    expect(again.report).toMatchObject({ outcome: "already_imported", importId: first.report.importId, message: expect.stringContaining("Nothing changed") });
    expect(await state()).toEqual(after);
  });

  it("rejects unreadable lines with their numbers and reasons, records the rest, and does not count the period as covered", async () => {
    const broken = LAYOUT_A.replace("01-10-2026 10:03:17", "31-02-2026 10:03:17");
    const before = await state();
    const { status, report } = await upload(broken, fixtureAccount);
    expect(status).toBe(201);
    expect(report).toMatchObject({ outcome: "imported", counts: { read: 4, recorded: 3, skippedInternal: 1, rejected: 1 }, coverage: { recorded: false, note: expect.stringContaining("Partial") } });
    expect(report.rejections).toEqual([expect.objectContaining({ lineNumber: 11, reason: expect.stringContaining("Completion Time") })]);
    const after = await state();
    expect(after.lines.length - before.lines.length).toBe(3);
    expect(after.lines.map((l) => l.receipt)).not.toContain("UJ1EF4GH5I");
    expect(after.coverage).toBe(before.coverage);
  });

  it("keeps a formula as text and flags it; reads a BOM and Windows line ends", async () => {
    const formula = LAYOUT_A.replace("UJ1AB2CD3E,01-10-2026 09:12:40", "UJ9AB2CD3E,01-10-2026 09:12:40").replace(",,INV00041", `,,"=HYPERLINK(""http://evil.example"",""x"")"`).replaceAll("UJ1", "UK1");
    const { report } = await upload(`\uFEFF${formula}`, fixtureAccount);
    expect(report).toMatchObject({ outcome: "imported", counts: { flagged: 1, rejected: 0 } });
    expect(report.flags[0]).toMatchObject({ reason: expect.stringContaining("A/C No.") });
    expect(await db.ledgerLine.findFirstOrThrow({ where: { receipt: "UJ9AB2CD3E" } })).toMatchObject({ accountReference: '=HYPERLINK("http://evil.example","x")' });
  });

  it("refuses what it cannot read with a clear report and changes nothing", async () => {
    const before = await state();
    const cases: [string, BodyInit | null, number, RegExp, string?][] = [
      ["wrong columns", LAYOUT_A.replace("Completion Time,Initiation Time", "When,Initiation Time"), 422, /Completion Time|column/i],
      ["empty file", "", 422, /empty/i],
      ["not a CSV", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 422, /not an M-Pesa statement/i],
      ["another shortcode", LAYOUT_A.replaceAll("UJ1", "UL1"), 422, /shortcode 600984/],
      ["no header row", "hello,world\nthis,is,not,a statement\n", 422, /not an M-Pesa statement/i],
      ["unknown account", LAYOUT_A, 422, /does not exist/, "acct_nobody"],
    ];
    for (const [name, body, status, message, account] of cases) {
      const answer = await upload(body, account ?? (name === "another shortcode" ? simAccount : fixtureAccount));
      expect({ name, status: answer.status, outcome: answer.report.outcome }).toEqual({ name, status, outcome: "refused" });
      expect(answer.report.message).toMatch(message);
    }
    expect(await state()).toEqual(before);
  });

  it("refuses a file over the size limit (declared or not) and a request from another page, reading nothing", async () => {
    const before = await state();
    const limit = env.statements.maxBytes;
    const chunk = new TextEncoder().encode(`${"A".repeat(1023)}\n`.repeat(1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > limit + chunk.byteLength) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const big = await upload(endless, fixtureAccount);
    expect(big).toMatchObject({ status: 413, report: { outcome: "refused", message: expect.stringContaining("50 MB") } });
    expect(sent).toBeLessThan(limit + 3 * chunk.byteLength);
    expect(await upload(LAYOUT_A, fixtureAccount, "s.csv", { "content-length": String(limit + 1) })).toMatchObject({ status: 413 });
    const forged = new Request("http://localhost/api/statements", { method: "POST", body: LAYOUT_A, headers: { "sec-fetch-site": "cross-site" } });
    expect(await receiveStatementUpload(db, env, { request: forged, accountId: fixtureAccount, fileName: "x.csv", actor, ip: null, now })).toMatchObject({ status: 403 });
    expect(await state()).toEqual(before);
  });

  it("refuses an upload at once while every import slot is taken, reading nothing, and takes it once one is free", async () => {
    const before = await state();
    const slots = new ImportSlots(1);
    const busy = slots.tryTake()!;
    const send = () => receiveStatementUpload(db, env, {
      request: new Request("http://localhost/api/statements", { method: "POST", body: LAYOUT_A, headers: { [STATEMENT_UPLOAD_HEADER]: "statement" } }),
      accountId: fixtureAccount, fileName: "s.csv", actor, ip: null, now, slots,
    });
    expect(await send()).toMatchObject({ status: 429, retryAfterSeconds: 5, report: { outcome: "refused", message: expect.stringContaining("upload it again in a moment") } });
    expect(await state()).toEqual(before);
    busy();
    expect((await send()).status).not.toBe(429);
    // The import gave its slot back, whatever it answered.
    expect(slots.inUse).toBe(0);
  });

  it("drops an upload that stops sending, and gives its slot back, as one whose body breaks", async () => {
    const before = await state();
    const slots = new ImportSlots(1);
    const upload = (body: ReadableStream<Uint8Array>) => receiveStatementUpload(db, env, {
      request: new Request("http://localhost/api/statements", { method: "POST", body, headers: { [STATEMENT_UPLOAD_HEADER]: "statement" }, duplex: "half" } as RequestInit),
      accountId: fixtureAccount, fileName: "s.csv", actor, ip: null, now, slots, idleTimeoutMs: 50,
    });
    const first = new TextEncoder().encode("Receipt No.,Completion Time\n");
    // One chunk, then silence: dropped after the idle timeout.
    const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(first) });
    expect(await upload(stalled)).toMatchObject({ status: 400, report: { outcome: "refused", message: expect.stringContaining("interrupted") } });
    expect(slots.inUse).toBe(0);
    const broken = new ReadableStream<Uint8Array>({ start: (c) => { c.enqueue(first); c.error(new Error("connection reset")); } });
    expect((await upload(broken)).status).toBe(400);
    expect(slots.inUse).toBe(0);
    expect(await state()).toEqual(before);
  });
});
