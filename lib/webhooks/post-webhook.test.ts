import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/free-port";
import { LOOPBACK_TARGETS } from "@/lib/testing/webhook-fixtures";
import { postWebhook, RESPONSE_EXCERPT_BYTES } from "@/lib/webhooks/post-webhook";

// Loopback storefront whose answer is chosen by path.
const hosts: string[] = [];
const server = http.createServer((req, res) => {
  hosts.push(String(req.headers.host));
  req.resume();
  req.on("end", () => {
    if (req.url === "/ok") return void res.writeHead(204).end();
    if (req.url === "/echo") return void res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ ua: req.headers["user-agent"], sig: req.headers["malipo-signature"] }));
    if (req.url === "/big") return void res.writeHead(500).end("\u0000\u0000" + "€".repeat(2000));
    if (req.url === "/redirect") return void res.writeHead(302, { Location: "/ok" }).end();
    if (req.url === "/slow") return void setTimeout(() => res.writeHead(200).end("late"), 1000);
    res.writeHead(404).end("not here");
  });
});
let base = "";

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const send = (path: string, timeoutMs = 2000) =>
  postWebhook({ url: `${base}${path}`, body: "{}", headers: { "Content-Type": "application/json", "User-Agent": "ua-test", "Malipo-Signature": "t=1,v1=x" }, timeoutMs, targets: LOOPBACK_TARGETS });

describe("one webhook HTTP attempt", () => {
  it("counts any 2xx as success and sends the given headers", async () => {
    expect(await send("/ok")).toMatchObject({ ok: true, statusCode: 204, error: null, responseExcerpt: null });
    const echo = await send("/echo");
    expect(echo.ok).toBe(true);
    expect(JSON.parse(echo.responseExcerpt!)).toEqual({ ua: "ua-test", sig: "t=1,v1=x" });
    expect(echo.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("keeps at most 1 KB of the answer as text, without NUL characters", async () => {
    const outcome = await send("/big");
    expect(outcome).toMatchObject({ ok: false, statusCode: 500, error: null });
    expect(Buffer.byteLength(outcome.responseExcerpt!, "utf8")).toBeLessThanOrEqual(RESPONSE_EXCERPT_BYTES);
    expect(outcome.responseExcerpt).toBe("€".repeat(Math.floor((RESPONSE_EXCERPT_BYTES - 2) / 3)));
    expect(outcome.responseExcerpt).not.toContain("\u0000");
  });

  it("does not follow redirects, and treats 4xx as failure", async () => {
    expect(await send("/redirect")).toMatchObject({ ok: false, statusCode: 302, error: "redirects are not followed" });
    expect(await send("/missing")).toMatchObject({ ok: false, statusCode: 404, responseExcerpt: "not here" });
  });

  it("fails an endpoint that answers after the timeout", async () => {
    const outcome = await send("/slow", 200);
    expect(outcome).toMatchObject({ ok: false, statusCode: null, error: "no answer within 200 ms" });
    expect(outcome.latencyMs).toBeLessThan(900);
  });

  it("reports a refused connection without throwing", async () => {
    const outcome = await postWebhook({ url: `http://127.0.0.1:${await freePort()}/`, body: "{}", headers: {}, timeoutMs: 2000, targets: LOOPBACK_TARGETS });
    expect(outcome).toMatchObject({ ok: false, statusCode: null, error: "request failed: ECONNREFUSED" });
  });

  it("refuses a loopback target at send time, by address or by a name resolving to it, without connecting", async () => {
    const port = new URL(base).port;
    const strict = { allowPrivate: false, requireHttps: false, resolve: async () => [{ address: "127.0.0.1", family: 4 as const }] };
    const before = hosts.length;
    for (const url of [`${base}/ok`, `http://[::1]:${port}/ok`, `http://shop.example:${port}/ok`]) {
      const outcome = await postWebhook({ url, body: "{}", headers: {}, timeoutMs: 2000, targets: strict });
      expect(outcome).toMatchObject({ ok: false, statusCode: null, error: expect.stringMatching(/^Refused webhook target: .*loopback address/) });
    }
    expect(hosts.length).toBe(before);
  });

  it("connects to the address it checked, whatever the name resolves to afterwards (DNS rebinding)", async () => {
    const port = new URL(base).port;
    // Each lookup answers something else: first the checked address, then (too late) another one.
    const answers = ["127.0.0.1", "192.0.2.1"];
    const resolve = async () => [{ address: answers.shift() ?? "192.0.2.1", family: 4 as const }];
    const outcome = await postWebhook({ url: `http://shop.example:${port}/ok`, body: "{}", headers: {}, timeoutMs: 2000, targets: { allowPrivate: true, requireHttps: false, resolve } });
    expect(outcome).toMatchObject({ ok: true, statusCode: 204 });
    // The request reached our receiver under its own name, and the name was resolved once.
    expect(hosts.at(-1)).toBe(`shop.example:${port}`);
    expect(answers).toEqual(["192.0.2.1"]);
  });
});
