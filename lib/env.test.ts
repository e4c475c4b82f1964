import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, VODACOM_MARKET_CODES } from "@/lib/env";
import { VODACOM_MARKETS } from "@/lib/rails/vodacom/markets";

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
    expect(env.callbacks.allowlistEnabled).toEqual({ test: false, live: false });
    expect(env.port).toBe(3000);
    expect(env.host).toBe("127.0.0.1");
    expect(env.webhooks.targets).toEqual({ allowPrivate: true, requireHttps: false });
    expect(env.adminTwoFactorRequired).toBe(false);
  });

  it("makes random demo secrets when none are given, never the same twice", () => {
    const [a, b] = [parseEnv({}), parseEnv({})];
    expect(a.demo?.secrets.adminPassword).toMatch(/^admin-[0-9A-Za-z]{16}$/);
    for (const key of ["auth", "callback", "data"] as const) {
      expect(a.secrets[key].length).toBeGreaterThanOrEqual(32);
      expect(a.secrets[key]).not.toBe(b.secrets[key]);
    }
    expect(a.demo?.secrets.adminPassword).not.toBe(b.demo?.secrets.adminPassword);
    expect(a.demo?.secrets.testApiKey).not.toBe(b.demo?.secrets.testApiKey);
  });

  it("uses the installation's demo secrets when given, and a configured secret over them", () => {
    const secrets = { authSecret: "a".repeat(43), callbackSecret: "c".repeat(43), dataSecret: "d".repeat(43), adminPassword: "admin-xxxxxxxxxxxxxxxx", financePassword: "finance-xxxxxxxxxxxxxxxx", testApiKey: `sk_test_${"k".repeat(32)}` };
    const env = parseEnv({ AUTH_SECRET: "mine-".repeat(8) }, { demoSecrets: secrets });
    expect(env.secrets).toEqual({ auth: "mine-".repeat(8), callback: secrets.callbackSecret, data: secrets.dataSecret });
    expect(env.demo?.secrets).toEqual(secrets);
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
    expect(env.callbacks.allowlistEnabled).toEqual({ test: true, live: true });
    expect(env.host).toBe("0.0.0.0");
    expect(env.demo).toBeNull();
    expect(env.webhooks.targets).toEqual({ allowPrivate: false, requireHttps: true });
    expect(env.adminTwoFactorRequired).toBe(true);
  });

  it("refuses demo mode under NODE_ENV=production, naming the conflict", () => {
    expect(problems({ MALIPO_MODE: "demo", NODE_ENV: "production" })).toEqual([
      "MALIPO_MODE: demo cannot run with NODE_ENV=production (demo logins are printed and shared); unset one of them",
    ]);
  });

  it("refuses live Daraja credentials in demo mode, but not live credentials aimed at a simulator", () => {
    const live = { DARAJA_LIVE_CONSUMER_KEY: "k", DARAJA_LIVE_CONSUMER_SECRET: "s", DARAJA_LIVE_SHORTCODE: "600000", DARAJA_LIVE_PASSKEY: "p" };
    expect(problems(live)).toEqual([expect.stringMatching(/^DARAJA_LIVE_CONSUMER_KEY: live Daraja credentials are refused in demo mode/)]);
    expect(problems({ ...live, MALIPO_MODE: "demo" })).toHaveLength(1);
    expect(problems({ ...live, DARAJA_LIVE_BASE_URL: "http://127.0.0.1:4010" })).toEqual([]);
  });

  it("decides the callback allowlist per mode: live keeps Safaricom's list while test uses the simulator", () => {
    const sandbox = { DARAJA_TEST_CONSUMER_KEY: "k", DARAJA_TEST_CONSUMER_SECRET: "s", DARAJA_TEST_SHORTCODE: "174379", DARAJA_TEST_PASSKEY: "p" };
    expect(parseEnv(sandbox).callbacks.allowlistEnabled).toEqual({ test: true, live: false });
    const liveOnSimulatorUrl = { DARAJA_LIVE_CONSUMER_KEY: "k", DARAJA_LIVE_CONSUMER_SECRET: "s", DARAJA_LIVE_SHORTCODE: "600000", DARAJA_LIVE_PASSKEY: "p", DARAJA_LIVE_BASE_URL: "http://127.0.0.1:4010" };
    expect(parseEnv(liveOnSimulatorUrl).callbacks.allowlistEnabled).toEqual({ test: false, live: true });
    expect(parseEnv({ CALLBACK_IP_ALLOWLIST_ENABLED: "true" }).callbacks.allowlistEnabled).toEqual({ test: true, live: true });
  });

  it("takes CIDR ranges in the allowlist and the trusted proxies, and names a bad entry", () => {
    const env = parseEnv({ CALLBACK_IP_ALLOWLIST: "196.201.214.0/24, 2001:db8::/32", TRUSTED_PROXIES: "10.0.0.0/8" });
    expect(env.callbacks.allowlist.contains("196.201.214.77")).toBe(true);
    expect(env.callbacks.allowlist.contains("196.201.215.1")).toBe(false);
    expect(env.callbacks.trustedProxies.contains("10.1.2.3")).toBe(true);
    expect(parseEnv({}).callbacks.allowlist.entries).toHaveLength(12);
    expect(problems({ TRUSTED_PROXIES: "10.0.0.0/8,proxy.internal" })).toEqual([expect.stringMatching(/^TRUSTED_PROXIES: "proxy.internal" is not an IP address or a CIDR range/)]);
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
    // Per mode: test payments go to the simulator (no Safaricom addresses to check); live keeps the list.
    expect(env.callbacks.allowlistEnabled).toEqual({ test: false, live: true });
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

// The VODACOM_* settings as lib/env.ts reads them (README, Vodacom M-Pesa OpenAPI).
const STAGING = { MALIPO_MODE: "staging", PUBLIC_URL: "https://pay.example.co.tz", AUTH_SECRET: "a".repeat(40), CALLBACK_SECRET: "c".repeat(40), DATA_SECRET: "d".repeat(40), DATABASE_URL: "postgresql://u:p@h:5432/db" };
const CREDENTIALS = { VODACOM_TEST_API_KEY: "portal-api-key", VODACOM_TEST_PUBLIC_KEY: "MIICIjANBgkq", VODACOM_TEST_SERVICE_PROVIDER_CODE: "171717" };

describe("the DARAJA_*_INITIATOR_* settings", () => {
  it("gives the simulator the sandbox operator, and a configured account only what it was given, all or none", () => {
    expect(parseEnv({}).daraja.test?.initiator).toEqual({ name: "testapi", password: "Safaricom999!*!", certificate: null });
    expect(parseEnv(production).daraja.live?.initiator).toBeNull();
    const pem = "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----";
    const env = parseEnv({ ...production, DARAJA_LIVE_INITIATOR_NAME: "apiop", DARAJA_LIVE_INITIATOR_PASSWORD: "pw", DARAJA_LIVE_INITIATOR_CERTIFICATE: pem });
    expect(env.daraja.live?.initiator).toEqual({ name: "apiop", password: "pw", certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----" });
    expect(problems({ ...production, DARAJA_LIVE_INITIATOR_NAME: "apiop" })).toEqual([
      "DARAJA_LIVE_INITIATOR_PASSWORD, DARAJA_LIVE_INITIATOR_CERTIFICATE: required when any DARAJA_LIVE_INITIATOR_* setting is set",
    ]);
  });
});

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
