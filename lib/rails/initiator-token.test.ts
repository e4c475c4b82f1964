import { describe, expect, it } from "vitest";
import { containsBannedCallbackWord } from "@/lib/rails/callback-token";
import { createC2bToken, verifyC2bToken } from "./c2b-token";
import { createInitiatorToken, initiatorUrlsFor, verifyInitiatorToken } from "./initiator-token";

const SECRET = "s".repeat(32);

describe("initiator result tokens", () => {
  it("verify for the request and mode they were made for, and for nothing else", () => {
    const token = createInitiatorToken("isr_sqlEXEcmd0000000000", SECRET, "TEST");
    expect(verifyInitiatorToken(token, SECRET)).toEqual({ valid: true, requestId: "isr_sqlEXEcmd0000000000", mode: "TEST" });
    expect(verifyInitiatorToken(token.replace(".T.", ".L."), SECRET).valid).toBe(false);
    expect(verifyInitiatorToken(token, "t".repeat(32)).valid).toBe(false);
    for (const bad of ["", "x", `${token}0`, token.toUpperCase(), "%00"]) expect(verifyInitiatorToken(bad, SECRET).valid).toBe(false);
  });

  it("are not C2B tokens, nor C2B tokens theirs, for the same id", () => {
    const id = "acct_0123456789";
    expect(verifyC2bToken(createInitiatorToken(id, SECRET, "LIVE"), SECRET).valid).toBe(false);
    expect(verifyInitiatorToken(createC2bToken(id, SECRET, "LIVE"), SECRET).valid).toBe(false);
  });

  it("make result and timeout URLs without a word Safaricom refuses", () => {
    const urls = initiatorUrlsFor("https://pay.example.co.ke/", "isr_querySQL", SECRET, "LIVE");
    expect(containsBannedCallbackWord(urls.resultUrl + urls.queueTimeoutUrl)).toBe(false);
    expect(urls.resultUrl).toMatch(/^https:\/\/pay\.example\.co\.ke\/api\/callbacks\/results\/[0-9a-f]+\.L\.[0-9a-f]{64}\/result$/);
    expect(urls.queueTimeoutUrl).toBe(urls.resultUrl.replace(/result$/, "timeout"));
    expect(() => initiatorUrlsFor("https://safaricom.example.com", "isr_1", SECRET, "LIVE")).toThrow(/refuses/);
  });
});
