import { describe, expect, it } from "vitest";
import { containsBannedCallbackWord } from "@/lib/rails/callback-token";
import { c2bUrlsFor, createC2bToken, verifyC2bToken } from "./c2b-token";

const SECRET = "s".repeat(32);

describe("C2B tokens", () => {
  it("verify for the account and mode they were made for, and for nothing else", () => {
    const token = createC2bToken("acct_sqlEXEcmdQuery0000000", SECRET, "LIVE");
    expect(verifyC2bToken(token, SECRET)).toEqual({ valid: true, accountId: "acct_sqlEXEcmdQuery0000000", mode: "LIVE" });
    expect(verifyC2bToken(token.replace(".L.", ".T."), SECRET)).toMatchObject({ valid: false, reason: expect.stringContaining("signature") });
    expect(verifyC2bToken(token, "t".repeat(32))).toMatchObject({ valid: false });
    for (const bad of ["", "x", `${token}0`, token.toUpperCase(), "%00", token.replace(/^../, "zz")]) expect(verifyC2bToken(bad, SECRET).valid).toBe(false);
  });

  it("stay the tokens of the URLs already registered with Daraja (a known answer: URLs register once in production)", () => {
    expect(createC2bToken("acct_0123456789", SECRET, "LIVE")).toBe("616363745f30313233343536373839.L.48f9d00de4e827d7b8c257bc9d5209c5aa4a7061452850d501a30aaeaf328a59");
  });

  it("never spell a word Safaricom refuses, whatever the account id holds", () => {
    for (const id of ["acct_sql", "acct_EXEC", "acct_cmdquery", "acct_MPesa", "acct_safaricom"]) {
      const urls = c2bUrlsFor("https://pay.example.co.ke/", id, SECRET, "TEST");
      expect(containsBannedCallbackWord(urls.confirmationUrl)).toBe(false);
      expect(urls.validationUrl).toMatch(/^https:\/\/pay\.example\.co\.ke\/api\/callbacks\/c2b\/[0-9a-f]+\.T\.[0-9a-f]{64}\/validation$/);
    }
    expect(() => c2bUrlsFor("https://mpesa.example.com", "acct_1", SECRET, "TEST")).toThrow(/refuses/);
  });
});
