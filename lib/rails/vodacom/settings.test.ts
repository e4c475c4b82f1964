import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, VODACOM_MARKET_CODES } from "@/lib/env";
import { VODACOM_MARKETS } from "./markets";

// The VODACOM_* settings as lib/env.ts reads them (README, Vodacom M-Pesa OpenAPI).
const STAGING = { MALIPO_MODE: "staging", PUBLIC_URL: "https://pay.example.co.tz", AUTH_SECRET: "a".repeat(40), CALLBACK_SECRET: "c".repeat(40), DATA_SECRET: "d".repeat(40), DATABASE_URL: "postgresql://u:p@h:5432/db" };
const CREDENTIALS = { VODACOM_TEST_API_KEY: "portal-api-key", VODACOM_TEST_PUBLIC_KEY: "MIICIjANBgkq", VODACOM_TEST_SERVICE_PROVIDER_CODE: "171717" };

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("the VODACOM_* settings", () => {
  it("know the same markets as the client", () => {
    expect([...VODACOM_MARKET_CODES].sort()).toEqual(Object.keys(VODACOM_MARKETS).sort());
  });

  it("point demo mode at the Vodacom simulator, with its key read from it", () => {
    const env = parseEnv({ VODACOM_SIMULATOR_PORT: "4999" });
    expect(env.vodacom.usesSimulator).toBe(true);
    expect(env.vodacom.test).toMatchObject({
      isSimulator: true, baseUrl: "http://127.0.0.1:4999", publicKey: null, serviceProviderCode: "000000", environment: "sandbox", market: "TZN", activationDelayMs: 1000,
    });
    expect(env.vodacom.live).toMatchObject({ isSimulator: true, environment: "openapi" });
  });

  it("configure a mode only when its credentials are given outside demo mode", () => {
    expect(parseEnv(STAGING).vodacom).toMatchObject({ test: null, live: null, usesSimulator: false });
    const env = parseEnv({ ...STAGING, ...CREDENTIALS, VODACOM_RESPONSE_MODE: "async", VODACOM_TIMEOUT_MS: "90000", VODACOM_MAX_AMOUNT: "5000000", VODACOM_ACTIVATION_DELAY_MS: "30000" });
    expect(env.vodacom.test).toEqual({
      mode: "test", market: "TZN", environment: "sandbox", baseUrl: "https://openapi.m-pesa.com", apiKey: "portal-api-key", publicKey: "MIICIjANBgkq",
      serviceProviderCode: "171717", origin: "*", responseMode: "async", sessionLifetimeMs: 3_600_000, activationDelayMs: 30_000, timeoutMs: 90_000, maxAmount: 5_000_000, isSimulator: false,
    });
    expect(env.vodacom.live).toBeNull();
  });

  it("name what is missing or wrong", () => {
    expect(problems({ ...STAGING, VODACOM_TEST_API_KEY: "k" })).toEqual([
      "VODACOM_TEST_PUBLIC_KEY, VODACOM_TEST_SERVICE_PROVIDER_CODE: required when any VODACOM_TEST_* credential is set",
    ]);
    expect(problems({ VODACOM_MARKET: "KEN" })[0]).toMatch(/^VODACOM_MARKET: /);
    expect(problems({ VODACOM_TEST_SERVICE_PROVIDER_CODE: "12" })[0]).toMatch(/^VODACOM_TEST_SERVICE_PROVIDER_CODE: must be 4 to 12 letters or digits/);
    expect(problems({ VODACOM_ORIGIN: "a\nb" })[0]).toMatch(/^VODACOM_ORIGIN: /);
  });

  it("refuse live Vodacom credentials in demo mode", () => {
    expect(problems({ VODACOM_LIVE_API_KEY: "k", VODACOM_LIVE_PUBLIC_KEY: "p", VODACOM_LIVE_SERVICE_PROVIDER_CODE: "171717" })).toEqual([
      "VODACOM_LIVE_API_KEY: live Vodacom credentials are refused in demo mode (it prints shared logins); set MALIPO_MODE=production",
    ]);
  });
});
