import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVodacomSimulator, type RunningVodacomSimulator } from "./server";
import { apiPath, bearerFor, rawRequest, startTestSimulator } from "./test-support";

describe("Vodacom simulator: the session handshake over HTTP", () => {
  let sim: RunningVodacomSimulator;
  let nowMs = Date.UTC(2026, 0, 15, 9, 0, 0);
  beforeAll(async () => {
    sim = await startTestSimulator({ now: () => new Date(nowMs), activationDelayMs: 30_000, sessionLifetimeMs: 3_600_000, trustedOrigins: ["https://malipo.example"] });
  });
  afterAll(() => sim.close());
  const origin = { Origin: "https://malipo.example" };
  const getSession = (headers: Record<string, string>) => rawRequest(sim, apiPath("getSession"), { headers: { ...origin, ...headers } });
  const query = (sessionId: string, headers: Record<string, string> = {}) => rawRequest(sim,
    `${apiPath("queryTransactionStatus")}?input_QueryReference=000000000001&input_ServiceProviderCode=000000&input_ThirdPartyConversationID=q1&input_Country=TZN`,
    { headers: { ...origin, Authorization: bearerFor(sim, sessionId), ...headers } });

  it("publishes its public key", async () => {
    const answer = await rawRequest(sim, "/__sim/public-key");
    expect(answer).toMatchObject({ status: 200, json: { publicKey: sim.publicKey, modulusLength: 1024 } });
  });

  it("gives a session for the encrypted API key, HTTP 200", async () => {
    const answer = await getSession({ Authorization: bearerFor(sim, sim.options.apiKey) });
    expect(answer).toEqual({
      status: 200, text: expect.any(String),
      json: { output_ResponseCode: "INS-0", output_ResponseDesc: "Request processed successfully", output_SessionID: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
  });

  it("refuses a wrong, unencrypted or missing key with INS-2, and an untrusted origin with INS-989", async () => {
    const invalidKey = { output_ResponseCode: "INS-2", output_ResponseDesc: "Invalid API Key" };
    expect(await getSession({ Authorization: bearerFor(sim, "another-key") })).toMatchObject({ status: 401, json: invalidKey });
    expect(await getSession({ Authorization: `Bearer ${sim.options.apiKey}` })).toMatchObject({ status: 401, json: invalidKey });
    expect(await getSession({})).toMatchObject({ status: 401, json: invalidKey });
    expect(await getSession({ Authorization: bearerFor(sim, sim.options.apiKey), Origin: "https://evil.example" }))
      .toMatchObject({ status: 400, json: { output_ResponseCode: "INS-989", output_ResponseDesc: "Session Creation Failed" } });
  });

  it("refuses a session until it is live, accepts it then, and refuses it once expired", async () => {
    const sessionId = String((await getSession({ Authorization: bearerFor(sim, sim.options.apiKey) })).json?.output_SessionID);
    expect(await query(sessionId)).toMatchObject({ status: 401, json: { output_ResponseCode: "INS-2" } });
    nowMs += 30_000;
    expect(await query(sessionId)).toMatchObject({ status: 200, json: { output_ResponseCode: "INS-0", output_ResponseTransactionStatus: "Completed" } });
    nowMs += 3_600_000;
    expect(await query(sessionId)).toMatchObject({ status: 401, json: { output_ResponseCode: "INS-2" } });
  });

  it("wants the session id encrypted, never in clear, and the Origin header on every call", async () => {
    const answer = await getSession({ Authorization: bearerFor(sim, sim.options.apiKey) });
    const sessionId = String(answer.json?.output_SessionID);
    nowMs += 30_000;
    expect(await query(sessionId, { Authorization: `Bearer ${sessionId}` })).toMatchObject({ status: 401 });
    expect(await query(sessionId, { Origin: "https://evil.example" })).toMatchObject({ status: 403, text: "" });
    expect(await query(sessionId)).toMatchObject({ status: 200 });
  });

  it("shows and ends sessions through /__sim", async () => {
    const before = await rawRequest(sim, "/__sim/sessions");
    expect(before.json).toMatchObject({ issued: sim.sessionsIssued() });
    expect(JSON.stringify(before.json)).not.toMatch(/[0-9a-f]{32}/);
    const expired = await rawRequest(sim, "/__sim/sessions/expire", { method: "POST" });
    expect(Number(expired.json?.expired)).toBeGreaterThan(0);
    expect((await rawRequest(sim, "/__sim/sessions")).json?.sessions).toEqual(expect.arrayContaining([expect.objectContaining({ expired: true })]));
  });

  it("answers unknown paths, methods and markets without crashing", async () => {
    expect((await rawRequest(sim, "/sandbox/ipg/v2/vodacomTZN/nothing/")).status).toBe(404);
    expect((await rawRequest(sim, apiPath("reversal"))).status).toBe(405);
    expect(await rawRequest(sim, apiPath("getSession", { context: "safaricomKEN" }), { headers: origin })).toMatchObject({ status: 400, json: { output_ResponseCode: "INS-998" } });
    expect((await rawRequest(sim, "/__sim/health")).json).toEqual({ ok: true });
  });
});

describe("Vodacom simulator: its default key", () => {
  it("is RSA-4096 as base64 DER SubjectPublicKeyInfo, like the portal's (MIICIjANBgkq…)", async () => {
    const sim = await startVodacomSimulator({ port: 0 });
    try {
      expect(sim.publicKey).toMatch(/^MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA/);
      expect(sim.options.activationDelayMs).toBe(30_000);
    } finally {
      await sim.close();
    }
  });
});
