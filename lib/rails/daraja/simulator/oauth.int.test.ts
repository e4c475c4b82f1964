import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "./server";
import { basicAuth, postJson, stkPushBody } from "./test-support";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const ENVELOPE = { requestId: expect.stringMatching(/^[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\d{6,7}$/) };
const generate = (sim: Simulator, query = "grant_type=client_credentials", authorization: string | null = basicAuth()) =>
  fetch(`${sim.url}/oauth/v1/generate?${query}`, { headers: authorization === null ? {} : { Authorization: authorization } });

describe("OAuth /oauth/v1/generate", () => {
  let clock = new Date("2025-03-14T12:00:00Z").getTime();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, tokenTtlSeconds: 3599, now: () => new Date(clock), callbackDelayMs: 10_000 });
  });
  afterAll(() => sim.close());

  it("issues a 28-character token with expires_in as the string \"3599\"", async () => {
    const res = await generate(sim);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9]{28}$/), expires_in: "3599" });
  });

  it("answers wrong credentials with HTTP 400 and an empty body", async () => {
    const res = await generate(sim, undefined, basicAuth("malipo-simulator-key", "wrong"));
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("");
  });

  it("refuses another grant type with 400.008.02", async () => {
    for (const query of ["grant_type=password", "", "grant_type=client_credentials%20"]) {
      const res = await generate(sim, query);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ ...ENVELOPE, errorCode: "400.008.02", errorMessage: "Invalid grant type passed" });
    }
  });

  it("refuses anything but Basic authentication with 400.008.01", async () => {
    for (const authorization of ["Bearer abc", null]) {
      const res = await generate(sim, undefined, authorization);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ ...ENVELOPE, errorCode: "400.008.01", errorMessage: "Invalid authentication type passed" });
    }
  });

  it("refuses an expired token on STK push with HTTP 404 404.001.03", async () => {
    const { access_token: token } = (await (await generate(sim)).json()) as { access_token: string };
    const body = stkPushBody({}, new Date(clock));
    clock += 3598 * 1000;
    const fresh = await postJson(`${sim.url}/mpesa/stkpush/v1/processrequest`, token, body);
    expect(fresh.status).toBe(200);
    clock += 2 * 1000;
    const expired = await postJson(`${sim.url}/mpesa/stkpush/v1/processrequest`, token, body);
    expect(expired).toEqual({ status: 404, body: { ...ENVELOPE, errorCode: "404.001.03", errorMessage: "Invalid Access Token" } });
  });

  it("refuses an unknown token with 404.001.03 and a missing bearer with 404.001.04", async () => {
    const unknown = await postJson(`${sim.url}/mpesa/stkpush/v1/processrequest`, "c9SQxWWhmdVRlyh0zh8gZDTkubVF", stkPushBody());
    expect(unknown).toEqual({ status: 404, body: { ...ENVELOPE, errorCode: "404.001.03", errorMessage: "Invalid Access Token" } });
    const res = await fetch(`${sim.url}/mpesa/stkpush/v1/processrequest`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(stkPushBody()),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ...ENVELOPE, errorCode: "404.001.04", errorMessage: "Invalid Authentication Header" });
  });

  it("answers a POST with 405.001", async () => {
    const res = await fetch(`${sim.url}/oauth/v1/generate?grant_type=client_credentials`, { method: "POST", headers: { Authorization: basicAuth() } });
    expect(res.status).toBe(405);
    expect(await res.json()).toEqual({ ...ENVELOPE, errorCode: "405.001", errorMessage: "Method Not Allowed" });
  });
});

describe("OAuth options", () => {
  it("sends expires_in as a number and honours a short TTL when asked", async () => {
    const sim = await startSimulator({ port: 0, numericExpiresIn: true, tokenTtlSeconds: 60 });
    try {
      expect(await (await generate(sim)).json()).toMatchObject({ expires_in: 60 });
    } finally {
      await sim.close();
    }
  });

  it("invalidates earlier tokens on re-issue when revokeOnReissue is set", async () => {
    const sim = await startSimulator({ port: 0, revokeOnReissue: true, callbackDelayMs: 10_000 });
    try {
      const first = ((await (await generate(sim)).json()) as { access_token: string }).access_token;
      const second = ((await (await generate(sim)).json()) as { access_token: string }).access_token;
      const url = `${sim.url}/mpesa/stkpush/v1/processrequest`;
      expect((await postJson(url, first, stkPushBody())).status).toBe(404);
      expect((await postJson(url, second, stkPushBody())).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
