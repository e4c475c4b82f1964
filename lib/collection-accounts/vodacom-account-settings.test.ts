import { describe, expect, it } from "vitest";
import { saveVodacomAccountSchema } from "@/lib/collection-accounts/vodacom-account-schemas";
import { allowedVodacomEnvironments, vodacomEndpointOf, vodacomSecretsSchema } from "@/lib/collection-accounts/vodacom-account-settings";
import { testKeyPair } from "@/lib/rails/vodacom/test-support";

const env = { vodacom: { simulator: { url: "http://127.0.0.1:4020" } } } as Parameters<typeof vodacomEndpointOf>[0];
const base = { storefrontId: "sf_1", mode: "TEST", name: "Dar shop", market: "TZN", serviceProviderCode: "000000", apiKey: "key-1", reason: "new shop" };

describe("Vodacom account settings", () => {
  it("offers live money only against Vodacom production, never in demo, and the simulator never in production", () => {
    expect(allowedVodacomEnvironments({ mode: "production" }, "LIVE")).toEqual(["production"]);
    expect(allowedVodacomEnvironments({ mode: "production" }, "TEST")).toEqual(["sandbox"]);
    expect(allowedVodacomEnvironments({ mode: "demo" }, "LIVE")).toEqual(["simulator"]);
    expect(allowedVodacomEnvironments({ mode: "staging" }, "TEST")).toEqual(["sandbox", "simulator"]);
  });

  it("derives the endpoint from the choice, never from anything an admin typed", () => {
    expect(vodacomEndpointOf(env, "production", "LIVE")).toEqual({ baseUrl: "https://openapi.m-pesa.com", path: "openapi" });
    expect(vodacomEndpointOf(env, "sandbox", "TEST")).toEqual({ baseUrl: "https://openapi.m-pesa.com", path: "sandbox" });
    expect(vodacomEndpointOf(env, "simulator", "TEST")).toEqual({ baseUrl: "http://127.0.0.1:4020", path: "sandbox" });
    expect(vodacomEndpointOf(env, "simulator", "LIVE")).toEqual({ baseUrl: "http://127.0.0.1:4020", path: "openapi" });
  });

  it("needs the market's public key except on the simulator, and an API key for a new account", () => {
    expect(saveVodacomAccountSchema.safeParse({ ...base, environment: "simulator" }).success).toBe(true);
    const sandbox = saveVodacomAccountSchema.safeParse({ ...base, environment: "sandbox" });
    expect(sandbox.success ? [] : sandbox.error.issues.map((i) => i.path.join("."))).toEqual(["publicKey"]);
    const noKey = saveVodacomAccountSchema.safeParse({ ...base, environment: "simulator", apiKey: "" });
    expect(noKey.success ? [] : noKey.error.issues.map((i) => i.path.join("."))).toEqual(["apiKey"]);
    // Editing: empty secrets keep the stored ones.
    expect(saveVodacomAccountSchema.safeParse({ ...base, accountId: "acct_1", environment: "sandbox", apiKey: "" }).success).toBe(true);
    expect(saveVodacomAccountSchema.safeParse({ ...base, environment: "simulator", serviceProviderCode: "00 00" }).success).toBe(false);
    expect(saveVodacomAccountSchema.safeParse({ ...base, environment: "elsewhere" }).success).toBe(false);
  });

  it("seals only a public key the client can read", () => {
    expect(vodacomSecretsSchema.safeParse({ apiKey: "k", publicKey: testKeyPair().publicKey }).success).toBe(true);
    expect(vodacomSecretsSchema.safeParse({ apiKey: "k", publicKey: null }).success).toBe(true);
    expect(vodacomSecretsSchema.safeParse({ apiKey: "k", publicKey: "not a key" }).success).toBe(false);
  });
});
