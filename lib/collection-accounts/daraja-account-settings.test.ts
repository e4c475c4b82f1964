import { describe, expect, it } from "vitest";
import { keyHintOf, openDarajaSecrets, sealDarajaSecrets } from "@/lib/collection-accounts/account-secrets";
import { allowedEnvironments, baseUrlOf } from "@/lib/collection-accounts/daraja-account-settings";
import { saveDarajaAccountSchema } from "@/lib/collection-accounts/schemas";

const DATA_SECRET = "a-data-secret-of-at-least-thirty-two-characters";
const secrets = { consumerKey: "app-key-1234", consumerSecret: "app-secret", passkey: "the-passkey" };

describe("which environments an account may use", () => {
  it("keeps live money off the simulator in production and off Safaricom in demo", () => {
    expect(allowedEnvironments({ mode: "production" }, "LIVE")).toEqual(["production"]);
    expect(allowedEnvironments({ mode: "production" }, "TEST")).toEqual(["sandbox"]);
    expect(allowedEnvironments({ mode: "staging" }, "LIVE")).toEqual(["production", "simulator"]);
    expect(allowedEnvironments({ mode: "demo" }, "LIVE")).toEqual(["simulator"]);
    expect(allowedEnvironments({ mode: "demo" }, "TEST")).toEqual(["sandbox", "simulator"]);
  });

  it("resolves the simulator to this gateway's own simulator address", () => {
    expect(baseUrlOf({ simulator: { url: "http://127.0.0.1:4010" } } as never, "simulator")).toBe("http://127.0.0.1:4010");
    expect(baseUrlOf({ simulator: { url: "http://127.0.0.1:4010" } } as never, "production")).toBe("https://api.safaricom.co.ke");
  });
});

describe("account secrets", () => {
  it("are sealed as one object that reads back only with the same DATA_SECRET", () => {
    const sealed = sealDarajaSecrets(secrets, DATA_SECRET);
    for (const value of Object.values(secrets)) expect(sealed).not.toContain(value);
    expect(openDarajaSecrets(sealed, DATA_SECRET)).toEqual(secrets);
    expect(() => openDarajaSecrets(sealed, `${DATA_SECRET}x`)).toThrow();
    expect(keyHintOf(secrets.consumerKey)).toBe("1234");
  });
});

describe("the account form", () => {
  const base = { storefrontId: "sf_1", mode: "TEST", name: "Till", environment: "simulator", shortcode: "600300", reason: "new till", ...secrets };

  it("needs a till number for a till and none for a paybill", () => {
    expect(saveDarajaAccountSchema.safeParse({ ...base, kind: "till", tillNumber: "" }).success).toBe(false);
    expect(saveDarajaAccountSchema.safeParse({ ...base, kind: "paybill", tillNumber: "5123456" }).success).toBe(false);
    expect(saveDarajaAccountSchema.parse({ ...base, kind: "till", tillNumber: "5123456" })).toMatchObject({ kind: "till", tillNumber: "5123456", makeDefault: false });
  });

  it("needs every secret for a new account, none for an edit (empty keeps the stored one)", () => {
    const blank = { ...base, kind: "paybill", consumerKey: "", consumerSecret: "", passkey: "" };
    expect(saveDarajaAccountSchema.safeParse(blank).success).toBe(false);
    expect(saveDarajaAccountSchema.safeParse({ ...blank, accountId: "acct_abc" }).success).toBe(true);
  });

  it("refuses a shortcode that is not 5 to 7 digits and an environment it does not know", () => {
    expect(saveDarajaAccountSchema.safeParse({ ...base, kind: "paybill", shortcode: "60-300" }).success).toBe(false);
    expect(saveDarajaAccountSchema.safeParse({ ...base, kind: "paybill", environment: "http://10.0.0.1" }).success).toBe(false);
  });
});
