import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";

const strong = "x".repeat(16) + "A1b2C3d4E5f6G7h8I9j0";
const production = {
  NODE_ENV: "production",
  PUBLIC_URL: "https://pay.example.co.ke",
  DATABASE_URL: "postgresql://malipo:secret@db.internal:5432/malipo",
  AUTH_SECRET: `auth-${strong}`,
  CALLBACK_SECRET: `callback-${strong}`,
  DATA_SECRET: `data-${strong}`,
  DARAJA_LIVE_CONSUMER_KEY: "live-key",
  DARAJA_LIVE_CONSUMER_SECRET: "live-secret",
  DARAJA_LIVE_SHORTCODE: "600000",
  DARAJA_LIVE_PASSKEY: "live-passkey",
};

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("runs with no settings at all in demo mode, against the embedded database and the simulator", () => {
    const env = parseEnv({});
    expect(env.mode).toBe("demo");
    expect(env.database.provided).toBe(false);
    expect(env.database.url).toBe("postgresql://postgres:postgres@127.0.0.1:54329/malipo");
    expect(env.daraja.test?.isSimulator).toBe(true);
    expect(env.daraja.live?.isSimulator).toBe(true);
    expect(env.callbacks.allowlistEnabled).toBe(false);
    expect(env.port).toBe(3000);
  });

  it("lists every problem at once, naming each variable", () => {
    const found = problems({ DATABASE_URL: "mysql://nope", PORT: "eighty", PAYMENT_EXPIRY_SECONDS: "-1" });
    expect(found).toHaveLength(3);
    expect(found.some((p) => p.startsWith("DATABASE_URL:"))).toBe(true);
    expect(found.some((p) => p.startsWith("PORT:"))).toBe(true);
    expect(found.some((p) => p.startsWith("PAYMENT_EXPIRY_SECONDS:"))).toBe(true);
  });

  it("rejects a malformed DATABASE_URL with a message that names it", () => {
    expect(() => parseEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
  });

  it("accepts a complete production configuration", () => {
    const env = parseEnv(production);
    expect(env.production).toBe(true);
    expect(env.daraja.live?.isSimulator).toBe(false);
    expect(env.daraja.live?.baseUrl).toBe("https://api.safaricom.co.ke");
    expect(env.daraja.test).toBeNull();
    expect(env.callbacks.allowlistEnabled).toBe(true);
  });

  it("refuses an http public URL, default or short secrets and the simulator in production", () => {
    const found = problems({
      ...production,
      PUBLIC_URL: "http://pay.example.co.ke",
      AUTH_SECRET: "short",
      CALLBACK_SECRET: "malipo-demo-callback-secret-change-me-in-production",
      DARAJA_LIVE_CONSUMER_KEY: undefined,
      DARAJA_LIVE_CONSUMER_SECRET: undefined,
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "PUBLIC_URL: must be an https:// URL in production",
        expect.stringMatching(/^AUTH_SECRET: must be a random value/),
        expect.stringMatching(/^CALLBACK_SECRET: must be a random value/),
        expect.stringMatching(/^DARAJA_LIVE_CONSUMER_KEY: production needs real Daraja credentials/),
      ]),
    );
  });

  it("treats MALIPO_MODE=production like NODE_ENV=production", () => {
    expect(problems({ MALIPO_MODE: "production" })).toContain("DATABASE_URL: is required in production (the embedded database is for demos)");
  });

  it("refuses to turn the callback address allowlist off in production", () => {
    expect(problems({ ...production, CALLBACK_IP_ALLOWLIST_ENABLED: "false" })).toEqual(["CALLBACK_IP_ALLOWLIST_ENABLED: cannot be false in production"]);
  });

  it("runs staging with production's checks, test payments on the simulator and no live credentials", () => {
    const withoutLive = { ...production, DARAJA_LIVE_CONSUMER_KEY: undefined, DARAJA_LIVE_CONSUMER_SECRET: undefined, DARAJA_LIVE_SHORTCODE: undefined, DARAJA_LIVE_PASSKEY: undefined };
    const env = parseEnv({ ...withoutLive, MALIPO_MODE: "staging", DARAJA_TEST_BASE_URL: "http://simulator:4010" });
    expect(env).toMatchObject({ mode: "staging", production: true, daraja: { live: null, usesSimulator: true, test: { baseUrl: "http://simulator:4010", isSimulator: true } } });
    expect(env.callbacks.allowlistEnabled).toBe(false);
    // The same settings in production: the simulator is refused.
    expect(problems({ ...withoutLive, DARAJA_TEST_BASE_URL: "http://simulator:4010" })).toEqual([
      "DARAJA_LIVE_CONSUMER_KEY: production needs real Daraja credentials; the simulator is refused (MALIPO_MODE=staging allows it for test payments)",
    ]);
    // Staging is no demo: secrets, https and a real database are required.
    expect(problems({ MALIPO_MODE: "staging", PUBLIC_URL: "http://staging.example" })).toEqual(expect.arrayContaining([
      "PUBLIC_URL: must be an https:// URL in production",
      "DATABASE_URL: is required in production (the embedded database is for demos)",
      "AUTH_SECRET: is required in production",
    ]));
  });

  it("requires the whole Daraja credential set once a consumer key is given", () => {
    expect(problems({ DARAJA_TEST_CONSUMER_KEY: "k" })).toEqual([
      "DARAJA_TEST_CONSUMER_SECRET, DARAJA_TEST_SHORTCODE, DARAJA_TEST_PASSKEY: required when DARAJA_TEST_CONSUMER_KEY is set",
    ]);
  });

  it("points test mode at Safaricom's sandbox when sandbox credentials are given", () => {
    const env = parseEnv({ DARAJA_TEST_CONSUMER_KEY: "k", DARAJA_TEST_CONSUMER_SECRET: "s", DARAJA_TEST_SHORTCODE: "174379", DARAJA_TEST_PASSKEY: "p" });
    expect(env.daraja.test).toMatchObject({ baseUrl: "https://sandbox.safaricom.co.ke", isSimulator: false });
    expect(env.daraja.live?.isSimulator).toBe(true);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).port).toBe(3000);
  });
});
