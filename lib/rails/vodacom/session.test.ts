import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";
import { VodacomError } from "./errors";
import { createSessionProvider } from "./session";
import { decryptBearer, importSimulatorKeys } from "./simulator/keys";
import { scriptedFetch, SESSION_OK, testConfig, testKeyPair, type ScriptedAnswer } from "./test-support";

const HOUR = 3_600_000;

/** A clock that only moves when someone sleeps; concurrent sleepers wake together. */
function virtualTime() {
  let nowMs = 0;
  const sleeps: number[] = [];
  return {
    now: () => new Date(nowMs),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      const until = nowMs + ms;
      await Promise.resolve();
      nowMs = Math.max(nowMs, until);
    },
    set: (ms: number) => void (nowMs = ms),
    sleeps,
  };
}

function setup(answers: (n: number) => ScriptedAnswer, overrides = {}) {
  let n = 0;
  const time = virtualTime();
  const fake = scriptedFetch(() => answers(++n));
  const config = testConfig({ activationDelayMs: 30_000, sessionLifetimeMs: HOUR, ...overrides });
  const sessions = createSessionProvider(config, { fetch: fake.fetch, now: time.now, sleep: time.sleep, logger: createLogger("test") });
  return { sessions, time, fake, config };
}

const session = (id: string) => ({ status: 200, body: { ...SESSION_OK.body, output_SessionID: id } });

describe("Vodacom sessions", () => {
  it("sends the API key encrypted, with Origin, to getSession", async () => {
    const { sessions, fake } = setup(() => SESSION_OK, { origin: "https://shop.example" });
    await sessions.getSession();
    const [request] = fake.requests;
    expect(request?.url.href).toBe("http://vodacom.test/sandbox/ipg/v2/vodacomTZN/getSession/");
    expect(request?.method).toBe("GET");
    expect(request?.headers.get("origin")).toBe("https://shop.example");
    const bearer = request?.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    expect(decryptBearer(importSimulatorKeys(testKeyPair()), bearer)).toBe("test-api-key");
  });

  it("makes one getSession request for 20 concurrent callers, and waits out the activation delay", async () => {
    const { sessions, time, fake } = setup(() => SESSION_OK);
    const ids = await Promise.all(Array.from({ length: 20 }, () => sessions.getSession()));
    expect(new Set(ids)).toEqual(new Set([SESSION_OK.body.output_SessionID]));
    expect(fake.requests).toHaveLength(1);
    expect(time.now().getTime()).toBe(30_000);
    expect(time.sleeps.every((ms) => ms === 30_000)).toBe(true);
  });

  it("counts the activation delay from getSession's answer, so a slow answer never yields a session before it is live", async () => {
    const time = virtualTime();
    // Vodacom takes 2 s to answer and creates the session at the end of that.
    const fake = scriptedFetch(() => {
      time.set(time.now().getTime() + 2_000);
      return SESSION_OK;
    });
    const config = testConfig({ activationDelayMs: 30_000, sessionLifetimeMs: HOUR });
    const sessions = createSessionProvider(config, { fetch: fake.fetch, now: time.now, sleep: time.sleep, logger: createLogger("test") });
    await sessions.getSession();
    expect(time.now().getTime()).toBe(32_000);
    expect(fake.requests).toHaveLength(1);
  });

  it("uses a live session without waiting again, until shortly before it expires", async () => {
    const { sessions, time, fake } = setup(() => SESSION_OK);
    await sessions.getSession();
    time.sleeps.length = 0;
    time.set(HOUR - 100_000);
    await sessions.getSession();
    expect(time.sleeps).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it("asks for the next session early, keeps using the current one while it activates, then switches", async () => {
    const { sessions, time, fake } = setup((n) => session(n === 1 ? "a".repeat(32) : "b".repeat(32)));
    await sessions.getSession();
    // Within the refresh margin (activation delay + a minute): 20 callers get A at once, one request for B starts.
    time.set(HOUR - 80_000);
    const during = await Promise.all(Array.from({ length: 20 }, () => sessions.getSession()));
    expect(new Set(during)).toEqual(new Set(["a".repeat(32)]));
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.requests).toHaveLength(2);
    time.set(HOUR - 80_000 + 29_999);
    expect(await sessions.getSession()).toBe("a".repeat(32));
    time.set(HOUR - 80_000 + 30_000);
    expect(await sessions.getSession()).toBe("b".repeat(32));
    expect(fake.requests).toHaveLength(2);
  });

  it("keeps the current session when the early refresh fails, and tries again a little later", async () => {
    const { sessions, time, fake } = setup((n) => (n === 1 ? SESSION_OK : n === 2 ? { status: 503, text: "<html>busy</html>" } : session("c".repeat(32))));
    await sessions.getSession();
    time.set(HOUR - 80_000);
    expect(await sessions.getSession()).toBe(SESSION_OK.body.output_SessionID);
    await new Promise((r) => setTimeout(r, 0));
    time.set(HOUR - 80_000 + 1000);
    await sessions.getSession();
    expect(fake.requests).toHaveLength(2);
    time.set(HOUR - 80_000 + 5000);
    await sessions.getSession();
    expect(fake.requests).toHaveLength(3);
  });

  it("drops a refused session: the next caller gets a new one", async () => {
    const { sessions, fake } = setup((n) => session(String(n).repeat(32)));
    const first = await sessions.getSession();
    sessions.invalidate("not-the-session");
    expect(await sessions.getSession()).toBe(first);
    sessions.invalidate(first);
    expect(await sessions.getSession()).toBe("2".repeat(32));
    expect(fake.requests).toHaveLength(2);
  });

  it("gives every waiting caller the same error, and tries again on the next call", async () => {
    const { sessions, fake } = setup((n) => (n === 1 ? { status: 401, body: { output_ResponseCode: "INS-2", output_ResponseDesc: "Invalid API Key" } } : SESSION_OK));
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => sessions.getSession()));
    const reasons = results.map((r) => (r.status === "rejected" ? r.reason : null));
    expect(new Set(reasons).size).toBe(1);
    expect(reasons[0]).toBeInstanceOf(VodacomError);
    expect(reasons[0]).toMatchObject({ kind: "configuration", errorCode: "INS-2", httpStatus: 401 });
    await expect(sessions.getSession()).resolves.toBe(SESSION_OK.body.output_SessionID);
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    ["INS-989", { status: 400, body: { output_ResponseCode: "INS-989", output_ResponseDesc: "Session Creation Failed" } }, "configuration"],
    ["an HTML 502", { status: 502, text: "<html><title>Bad Gateway</title></html>" }, "retryable"],
    ["no session id", { status: 200, body: { output_ResponseCode: "INS-0" } }, "retryable"],
    ["an N/A session id", { status: 200, body: { output_ResponseCode: "INS-0", output_SessionID: "N/A" } }, "retryable"],
    ["a refused connection", Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) }), "retryable"],
  ])("turns %s into a typed error", async (_name, answer, kind) => {
    const { sessions } = setup(() => answer as ScriptedAnswer);
    await expect(sessions.getSession()).rejects.toMatchObject({ name: "VodacomError", kind });
  });

  it("does not loop when the clock stands still: having slept the delay is enough", async () => {
    const fake = scriptedFetch(() => SESSION_OK);
    const slept: number[] = [];
    const sessions = createSessionProvider(testConfig({ activationDelayMs: 30_000 }), {
      fetch: fake.fetch, now: () => new Date(0), sleep: async (ms) => void slept.push(ms), logger: createLogger("test"),
    });
    await expect(sessions.getSession()).resolves.toBe(SESSION_OK.body.output_SessionID);
    expect(slept).toEqual([30_000]);
  });
});
