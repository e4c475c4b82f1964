import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createC2bToken } from "@/lib/rails/c2b-token";
import { processC2bJob } from "@/lib/c2b/process-c2b-job";
import { registerAccountC2b } from "@/lib/c2b/register-account-c2b";
import { attachUnattachedReceipt, markReceiptDirect } from "@/lib/c2b/resolve-unattached-receipt";
import { processCallbackJob } from "@/lib/callbacks/process-callback-job";
import { receiveCallback } from "@/lib/callbacks/receive-callback";
import { drainSpool } from "@/lib/callbacks/spool/drain-spool";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { createPrisma } from "@/lib/db/client";
import { createOutageCircuit } from "@/lib/db/outage-circuit";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { createId } from "@/lib/ids";
import { stampPeerAddress } from "@/lib/net/peer-address";
import { c2bReceivedEventSchema } from "@/lib/payments/webhook-event-schema";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { freePort } from "@/lib/testing/free-port";
import { eventually, startGateway, type Gateway, type TestStorefront } from "@/lib/testing/gateway";
import { rawRequest } from "@/lib/testing/http-request";
import { TEST_DATA_SECRET } from "@/lib/testing/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { generateEndpointSecret } from "@/lib/webhooks/endpoint-secrets";
import { verifyMalipoSignature } from "@/lib/webhooks/verify-signature";
import { webhookDispatchJob } from "@/lib/webhooks/webhook-dispatch-job";

/**
 * C2B end to end over real HTTP: the simulator's customer pays the paybill, its confirmation comes
 * to the account's URL, is stored first and processed by the worker, and either settles the payment
 * it names (through the settle path) or waits as an unattached receipt that finance attaches.
 * Storefronts hear `c2b.received`, signed. Forgeries, duplicates and a database outage change
 * nothing they should not.
 */

const PAYER = "254712345126";
const finance = { id: "usr_finance000000000000000", email: "finance@example.test" };

describe("C2B confirmations", () => {
  let gw: Gateway;
  let shop: TestStorefront;
  let hooks: WebhookReceiver;
  let endpointSecret: string;
  let accountId: string;
  let spoolDir: string;

  const create = async (reference: string, amount = 1500) => {
    const res = await gw.api(shop.keys.TEST, "POST", "/api/v1/payments", { body: { amount, phone: scenarioPhone("pending-forever"), reference } });
    expect(res.status).toBe(201);
    return gw.db.payment.findUniqueOrThrow({ where: { id: String(res.body.id) } });
  };
  const pay = async (billRefNumber: string, amount = 1500) => {
    const res = await fetch(`${gw.sim.url}/__sim/c2b/pay`, { method: "POST", body: JSON.stringify({ shortcode: SANDBOX_SHORTCODE, amount, billRefNumber, msisdn: PAYER }) });
    expect(res.status).toBe(200);
    return String(((await res.json()) as { receipt: string }).receipt);
  };
  const logOf = (receipt: string) => eventually(async () => {
    const logs = await gw.db.callbackLog.findMany({ where: { kind: "C2B_CONFIRMATION", body: { contains: receipt } } });
    return logs.length > 0 && logs.every((l) => l.outcome !== "RECEIVED") && logs;
  });
  const confirmationPath = (token = createC2bToken(accountId, gw.env.secrets.callback, "TEST")) => `/api/callbacks/c2b/${token}/confirmation`;
  const post = (urlPath: string, body: string, localAddress = "127.0.0.1") =>
    rawRequest(`${gw.app.url}${urlPath}`, { method: "POST", body, localAddress, headers: { "Content-Type": "application/json" } });
  const c2bEvents = async (receipt: string) => hooks.received.map((h) => ({ h, e: c2bReceivedEventSchema.safeParse(JSON.parse(h.body)) }))
    .filter(({ e }) => e.success && e.data.data.object.receipt === receipt);
  const confirmationBody = (receipt: string, billRefNumber: string, amount = "1500.00") => JSON.stringify({
    TransactionType: "Pay Bill", TransID: receipt, TransTime: "20261201101500", TransAmount: amount, BusinessShortCode: SANDBOX_SHORTCODE,
    BillRefNumber: billRefNumber, InvoiceNumber: "", OrgAccountBalance: "1500.00", ThirdPartyTransID: "", MSISDN: "2547 ***** 126", FirstName: "JANE", MiddleName: "", LastName: "",
  });

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    spoolDir = await mkdtemp(path.join(tmpdir(), "malipo-c2b-spool-"));
    gw = await startGateway({ env: { DATA_SECRET: TEST_DATA_SECRET, CALLBACK_SPOOL_DIR: spoolDir }, jobs: [processCallbackJob, processC2bJob, webhookDispatchJob] });
    shop = await gw.createStorefront();
    endpointSecret = generateEndpointSecret();
    await gw.db.webhookEndpoint.create({ data: { id: createId("we"), storefrontId: shop.id, mode: "TEST", url: hooks.url, secretEncrypted: encryptSecret(endpointSecret, TEST_DATA_SECRET) } });
    accountId = (await create("SETUP-0")).collectionAccountId!;
    await registerAccountC2b(gw.db, gw.env, { accountId, actor: { id: null, email: "admin@example.test" }, reason: "C2B set-up" });
  });
  afterAll(async () => {
    await gw?.close();
    await hooks?.close();
    await rm(spoolDir, { recursive: true, force: true });
  });

  it("registers the account's URLs, audited", async () => {
    const account = await gw.db.collectionAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.c2bRegisteredAt).not.toBeNull();
    const audit = await gw.db.auditLog.findFirstOrThrow({ where: { action: "collection_account.c2b_register", entityId: accountId } });
    expect(audit).toMatchObject({ reason: "C2B set-up", after: { environment: "simulator", result: "registered" } });
  });

  it("settles the open payment whose reference and amount it carries, once, through the settle path", async () => {
    const payment = await create("INV-2001");
    const receipt = await pay("inv-2001 ");
    const [log] = await logOf(receipt);
    expect(log).toMatchObject({ outcome: "APPLIED", paymentId: payment.id });
    const settled = await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(settled).toMatchObject({ status: "SUCCEEDED", mpesaReceipt: receipt, mpesaAmount: 1500, late: false });
    // Masked as M-Pesa sent it: never a full number.
    expect(settled.mpesaPhone).not.toContain(PAYER);
    const succeed = await gw.db.paymentEvent.findFirstOrThrow({ where: { paymentId: payment.id, type: "succeed" } });
    expect(succeed).toMatchObject({ source: "c2b", callbackLogId: log!.id });
    const [event] = await eventually(async () => ((await c2bEvents(receipt)).length === 1 ? c2bEvents(receipt) : null));
    expect(event!.e.data!.data.object).toMatchObject({ status: "matched", payment_id: payment.id, bill_ref_number: "inv-2001", amount: 1500 });
    expect(verifyMalipoSignature({ payload: event!.h.body, header: event!.h.signature, secret: endpointSecret }).valid).toBe(true);
    expect(await gw.db.unattachedReceipt.count({ where: { receipt } })).toBe(0);
  });

  it("keeps a payment that matches nothing as unattached; finance attaches it, audited, and the storefront hears of it", async () => {
    const expired = await create("INV-3001");
    await gw.db.payment.update({ where: { id: expired.id }, data: { status: "EXPIRED" } });
    const receipt = await pay("TYPO-3001");
    const [log] = await logOf(receipt);
    expect(log).toMatchObject({ outcome: "APPLIED", paymentId: null, error: expect.stringContaining("unattached receipt") });
    const kept = await gw.db.unattachedReceipt.findFirstOrThrow({ where: { receipt } });
    expect(kept).toMatchObject({ status: "UNATTACHED", amountMinor: 150000, billRefNumber: "TYPO-3001", collectionAccountId: accountId, msisdn: "2547****126" });
    const [event] = await eventually(async () => ((await c2bEvents(receipt)).length === 1 ? c2bEvents(receipt) : null));
    expect(event!.e.data!.data.object).toMatchObject({ status: "unattached", payment_id: null, msisdn: "2547****126" });

    await expect(attachUnattachedReceipt(gw.db, { receiptId: kept.id, paymentId: expired.id, actor: finance, reason: " " })).rejects.toThrow(/reason/);
    await attachUnattachedReceipt(gw.db, { receiptId: kept.id, paymentId: expired.id, actor: finance, reason: "customer typed TYPO for INV" });
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: expired.id } })).toMatchObject({ status: "SUCCEEDED", late: true, mpesaReceipt: receipt });
    expect(await gw.db.unattachedReceipt.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ status: "ATTACHED", paymentId: expired.id, resolvedBy: finance.email });
    expect(await gw.db.auditLog.findFirstOrThrow({ where: { action: "unattached_receipt.attach", entityId: kept.id } })).toMatchObject({ actorEmail: finance.email, reason: "customer typed TYPO for INV" });
    const succeeded = await eventually(() => hooks.received.find((h) => JSON.parse(h.body).type === "payment.succeeded" && JSON.parse(h.body).data.object.id === expired.id));
    expect(JSON.parse(succeeded.body).data.object).toMatchObject({ mpesa_receipt: receipt, late: true });
    // Done once: a second attach, or marking it direct now, changes nothing.
    await expect(attachUnattachedReceipt(gw.db, { receiptId: kept.id, paymentId: expired.id, actor: finance, reason: "again" })).rejects.toThrow(/already attached/);
    await expect(markReceiptDirect(gw.db, { receiptId: kept.id, actor: finance, reason: "x" })).rejects.toThrow(/already attached/);
  });

  it("lets finance mark a receipt as a direct payment, and refuses a payment of another storefront", async () => {
    const receipt = await pay("WALK-IN");
    await logOf(receipt);
    const kept = await gw.db.unattachedReceipt.findFirstOrThrow({ where: { receipt } });
    const other = await gw.createStorefront("Other shop");
    const foreign = await gw.api(other.keys.TEST, "POST", "/api/v1/payments", { body: { amount: 1500, phone: scenarioPhone("pending-forever"), reference: "WALK-IN" } });
    await expect(attachUnattachedReceipt(gw.db, { receiptId: kept.id, paymentId: String(foreign.body.id), actor: finance, reason: "wrong shop" })).rejects.toThrow(/No such payment/);
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: String(foreign.body.id) } })).toMatchObject({ status: "PENDING", mpesaReceipt: null });
    await markReceiptDirect(gw.db, { receiptId: kept.id, actor: finance, reason: "walk-in customer, no order" });
    expect(await gw.db.unattachedReceipt.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ status: "DIRECT", paymentId: null });
  });

  it("changes nothing for a forged confirmation from an unlisted address, and stores it as refused", async () => {
    const payment = await create("INV-4001");
    const body = confirmationBody("UKT4FORGED", "INV-4001");
    const withToken = await post(confirmationPath(), body, "127.0.0.2");
    const withoutToken = await post(confirmationPath(`${"61".repeat(8)}.T.${"0".repeat(64)}`), body, "127.0.0.2");
    // The address is judged first, whatever the token says.
    expect([withToken.status, withoutToken.status]).toEqual([403, 403]);
    const logs = await eventually(async () => {
      const rows = await gw.db.callbackLog.findMany({ where: { body: { contains: "UKT4FORGED" } } });
      return rows.length === 2 && rows.every((r) => r.outcome !== "RECEIVED") && rows;
    });
    expect(logs.map((l) => [l.kind, l.outcome, l.ipAllowed, l.tokenValid]).sort()).toEqual([["C2B_CONFIRMATION", "REJECTED", false, false], ["C2B_CONFIRMATION", "REJECTED", false, true]]);
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "PENDING", mpesaReceipt: null });
    expect(await gw.db.unattachedReceipt.count({ where: { receipt: "UKT4FORGED" } })).toBe(0);
    // Unreadable bodies from the allowed address are kept and filed INVALID, changing nothing.
    expect((await post(confirmationPath(), "{not json")).status).toBe(200);
    await eventually(async () => (await gw.db.callbackLog.count({ where: { body: "{not json", outcome: "INVALID" } })) === 1);
  });

  it("changes nothing the second time for duplicate confirmations of one receipt, even side by side", async () => {
    const payment = await create("INV-5001");
    const bodies = [confirmationBody("UKT5DUPLIC", "INV-5001"), confirmationBody("UKT5DUPLIC", "INV-5001"), confirmationBody("UKT5DUPLIC", "INV-5001")];
    const answers = await Promise.all(bodies.map((b) => post(confirmationPath(), b)));
    expect(answers.map((a) => [a.status, a.json])).toEqual(Array(3).fill([200, { ResultCode: 0, ResultDesc: "Success" }]));
    const logs = await eventually(async () => {
      const rows = await gw.db.callbackLog.findMany({ where: { body: { contains: "UKT5DUPLIC" } } });
      return rows.length === 3 && rows.every((r) => r.outcome !== "RECEIVED") && rows;
    });
    expect(logs.map((l) => l.outcome).sort()).toEqual(["APPLIED", "DUPLICATE", "DUPLICATE"]);
    expect(await gw.db.paymentEvent.count({ where: { paymentId: payment.id, type: "succeed" } })).toBe(1);
    // An unmatched one twice: one unattached receipt, one event.
    for (let i = 0; i < 2; i++) expect((await post(confirmationPath(), confirmationBody("UKT5NOMATCH", "NOTHING"))).status).toBe(200);
    await eventually(async () => (await gw.db.callbackLog.count({ where: { body: { contains: "UKT5NOMATCH" }, outcome: { in: ["APPLIED", "DUPLICATE"] } } })) === 2);
    expect(await gw.db.unattachedReceipt.count({ where: { receipt: "UKT5NOMATCH" } })).toBe(1);
    await eventually(async () => (await c2bEvents("UKT5NOMATCH")).length === 1);
    expect(await gw.db.webhookEvent.count({ where: { type: "c2b.received", payload: { path: ["data", "object", "receipt"], equals: "UKT5NOMATCH" } } })).toBe(1);
  });

  it("spools a confirmation while PostgreSQL is down, then applies it once drained", async () => {
    const payment = await create("INV-6001");
    const dead = createPrisma(`postgresql://postgres:postgres@127.0.0.1:${await freePort()}/malipo`, 1);
    const headers: Record<string, string> = { "content-type": "application/json" };
    stampPeerAddress(headers, "127.0.0.1");
    const req = new Request(`${gw.app.url}${confirmationPath()}`, { method: "POST", body: confirmationBody("UKT6SPOOLD", "INV-6001"), headers });
    const token = createC2bToken(accountId, gw.env.secrets.callback, "TEST");
    const verdict = await receiveCallback(dead, { kind: "C2B_CONFIRMATION", req, token, env: { ...gw.env, callbacks: { ...gw.env.callbacks, dbTimeoutMs: 1000 } }, circuit: createOutageCircuit() });
    await dead.$disconnect();
    expect(verdict.kind).toBe("spooled");
    expect((await readdir(spoolDir)).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    expect(await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "PENDING" });
    expect(await drainSpool(gw.db, { dir: spoolDir })).toMatchObject({ stored: 1 });
    await eventually(async () => (await gw.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status === "SUCCEEDED");
    expect(await gw.db.callbackLog.findFirstOrThrow({ where: { body: { contains: "UKT6SPOOLD" } } })).toMatchObject({ kind: "C2B_CONFIRMATION", outcome: "APPLIED", paymentId: payment.id });
  });
});
