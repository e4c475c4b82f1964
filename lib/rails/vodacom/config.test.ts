import { describe, expect, it } from "vitest";
import { resolveVodacomConfig } from "./config";
import { testKeyPair } from "./test-support";

const base = { apiKey: "secret-api-key", publicKey: testKeyPair().publicKey, serviceProviderCode: "000000" };

describe("resolveVodacomConfig", () => {
  it("completes a minimal configuration with Vodacom Tanzania's sandbox defaults", () => {
    const config = resolveVodacomConfig(base);
    expect(config).toMatchObject({
      market: { code: "TZN", context: "vodacomTZN", currency: "TZS" }, environment: "sandbox", baseUrl: "https://openapi.m-pesa.com",
      origin: "*", responseMode: "sync", sessionLifetimeMs: 3_600_000, activationDelayMs: 30_000, maxAmount: null,
      timeouts: { sessionMs: 30_000, c2bMs: 120_000, queryMs: 30_000, reversalMs: 60_000 },
    });
    expect(config.publicKey.asymmetricKeyType).toBe("rsa");
  });

  it("keeps the async form's payment timeout short: its answer does not wait for the customer", () => {
    expect(resolveVodacomConfig({ ...base, responseMode: "async" }).timeouts.c2bMs).toBe(30_000);
    expect(resolveVodacomConfig({ ...base, timeouts: { c2bMs: 500 } }).timeouts).toMatchObject({ c2bMs: 500, queryMs: 30_000 });
  });

  it("names every problem without showing a secret", () => {
    const attempt = () => resolveVodacomConfig({ ...base, market: "KEN" as never, serviceProviderCode: "00", baseUrl: "ftp://x", apiKey: " " });
    expect(attempt).toThrow(TypeError);
    for (const problem of ["market must be one of TZN, GHA, LES, DRC, MOZ", "serviceProviderCode must be 4 to 12 letters or digits", "baseUrl must be an http(s) URL", "apiKey is required"]) {
      expect(attempt).toThrow(problem);
    }
    expect(attempt).not.toThrow(/secret-api-key/);
    expect(() => resolveVodacomConfig({ ...base, publicKey: "nope!" })).toThrow(/publicKey .*neither base64 DER nor PEM/);
    expect(() => resolveVodacomConfig({ ...base, activationDelayMs: 10, sessionLifetimeMs: 10 })).toThrow(/activationDelayMs must be shorter/);
  });

  it("drops a trailing slash from the base URL", () => {
    expect(resolveVodacomConfig({ ...base, baseUrl: "http://127.0.0.1:4020/" }).baseUrl).toBe("http://127.0.0.1:4020");
  });
});
