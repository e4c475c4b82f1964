import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCallbackToken } from "@/lib/rails/callback-token";
import { disconnectDb } from "@/lib/db/client";
import { callbackDatabaseCircuit } from "@/lib/db/outage-circuit";
import { resetEnvForTests } from "@/lib/env";
import { stopSenderBoss } from "@/lib/jobs/boss";
import { parseSpoolEntry } from "@/lib/callbacks/spool/spool-entry";
import { startAppServer, type AppServer } from "@/lib/testing/app-server";
import { rawRequest } from "@/lib/testing/http-request";

/**
 * The callback route while PostgreSQL is unreachable, over real HTTP: the database here is a server
 * that accepts connections and never answers, the hardest kind of outage to notice.
 */

const ACK = { ResultCode: 0, ResultDesc: "Accepted" };
const SECRET = "spool-route-test-callback-secret-spool-route-test";
const BODY = JSON.stringify({ Body: { stkCallback: { MerchantRequestID: "m-1", CheckoutRequestID: "ws_CO_1", ResultCode: 0, ResultDesc: "ok",
  CallbackMetadata: { Item: [{ Name: "Amount", Value: 10 }, { Name: "MpesaReceiptNumber", Value: "UKT0000001" }, { Name: "PhoneNumber", Value: 254708374149 }] } } } });

describe("the callback route during a database outage", () => {
  let app: AppServer;
  let silent: net.Server;
  const sockets = new Set<net.Socket>();
  let dir: string;
  let previous: Record<string, string | undefined>;
  const path_ = (paymentId: string, secret = SECRET) => `/api/callbacks/stk/${createCallbackToken(paymentId, secret, "TEST")}`;
  const post = async (urlPath: string, body = BODY, localAddress = "127.0.0.1") => {
    const started = performance.now();
    const res = await rawRequest(`${app.url}${urlPath}`, { method: "POST", body, localAddress, headers: { "Content-Type": "application/json", "User-Agent": "Daraja" } });
    return { ...res, ms: performance.now() - started };
  };
  const spoolFiles = async (spoolDir = path.join(dir, "spool")) => (await readdir(spoolDir).catch(() => [] as string[])).filter((n) => n.endsWith(".json"));
  const configure = (settings: Record<string, string>) => {
    previous ??= Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
    Object.assign(process.env, settings);
    resetEnvForTests();
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "malipo-spool-route-"));
    silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    configure({
      DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${port}/malipo`,
      CALLBACK_SECRET: SECRET,
      CALLBACK_SPOOL_DIR: path.join(dir, "spool"),
      CALLBACK_DB_TIMEOUT_MS: "1500",
      CALLBACK_IP_ALLOWLIST_ENABLED: "true",
      CALLBACK_IP_ALLOWLIST: "127.0.0.1",
    });
    app = await startAppServer();
    // Load the route module now, so the first timed request measures the route and not the import.
    expect((await rawRequest(`${app.url}${path_("pay_outage0000000000")}`)).status).toBe(405);
  });
  beforeEach(() => {
    // Each case starts as if the database had been fine until now.
    callbackDatabaseCircuit().succeeded();
  });
  afterAll(async () => {
    // Hung connection attempts fail at once when their server hangs up.
    for (const socket of sockets) socket.destroy();
    silent?.close();
    await app?.close();
    await stopSenderBoss().catch(() => undefined);
    await disconnectDb();
    for (const [k, v] of Object.entries(previous ?? {})) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
    callbackDatabaseCircuit().succeeded();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers 200 from the spool, waiting for the database once and then not at all", async () => {
    const first = await post(path_("pay_outage0000000001"));
    expect([first.status, first.json]).toEqual([200, ACK]);
    // The first request waited out the deadline; the circuit spares the next ones that wait.
    expect(first.ms).toBeGreaterThanOrEqual(1490);
    expect(first.ms).toBeLessThan(3000);
    const next = await Promise.all(Array.from({ length: 5 }, (_, i) => post(path_(`pay_outage000000001${i}`))));
    expect(next.map((r) => [r.status, r.json])).toEqual(Array(5).fill([200, ACK]));
    expect(Math.max(...next.map((r) => r.ms))).toBeLessThan(1000);

    const files = await spoolFiles();
    expect(files).toHaveLength(6);
    const entries = await Promise.all(files.map(async (f) => parseSpoolEntry(await readFile(path.join(dir, "spool", f), "utf8"))));
    const firstEntry = entries.map((e) => (e.ok ? e.callback : null)).find((c) => c?.token === createCallbackToken("pay_outage0000000001", SECRET, "TEST"));
    expect(firstEntry).toMatchObject({ body: BODY, sourceIp: "127.0.0.1", ipAllowed: true, tokenValid: true, headers: { "content-type": "application/json", "user-agent": "Daraja" } });
    expect(new Set(entries.map((e) => (e.ok ? e.callback.spoolId : "bad"))).size).toBe(6);
  });

  it("refuses a bad token, a foreign address or an oversized body as usual; spools only the foreign one, whose token is valid", async () => {
    const before = await spoolFiles();
    const forged = await post(path_("pay_outage0000000002", "some-other-secret-some-other-secret-some"));
    const foreign = await post(path_("pay_outage0000000003"), BODY, "127.0.0.9");
    const oversized = await post(path_("pay_outage0000000004"), JSON.stringify({ pad: "x".repeat(70_000) }));
    expect([forged.status, foreign.status, oversized.status]).toEqual([404, 403, 413]);
    // Refused for its address alone, with a valid token: probably real, so kept whole like any other.
    const added = (await spoolFiles()).filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    const entry = parseSpoolEntry(await readFile(path.join(dir, "spool", added[0]!), "utf8"));
    expect(entry).toMatchObject({ ok: true, callback: { body: BODY, sourceIp: "127.0.0.9", ipAllowed: false, tokenValid: true } });
  });

  it("answers 500 when the spool cannot be written either, so the loss is visible", async () => {
    const blocker = path.join(dir, "not-a-folder");
    await writeFile(blocker, "");
    configure({ CALLBACK_SPOOL_DIR: path.join(blocker, "spool") });
    try {
      const res = await post(path_("pay_outage0000000005"));
      expect(res.status).toBe(500);
      expect(res.json).toMatchObject({ error: { code: "internal" } });
    } finally {
      configure({ CALLBACK_SPOOL_DIR: path.join(dir, "spool") });
    }
  });
});
