import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callbackUrlFor, containsBannedCallbackWord, createCallbackSafePaymentId, createCallbackToken, paymentIdOfToken, verifyCallbackToken } from "@/lib/rails/callback-token";

const SECRET = "a-test-callback-secret-of-sufficient-length";
const ID = "pay_AbCdEfGhIjKlMnOpQrStUvWx";

describe("callback tokens", () => {
  it("name the payment and its mode, and verify under the same secret only", () => {
    const token = createCallbackToken(ID, SECRET, "LIVE");
    expect(token).toMatch(/^pay_AbCdEfGhIjKlMnOpQrStUvWx\.[A-Za-z0-9_-]{43}$/);
    expect(verifyCallbackToken(token, SECRET)).toEqual({ valid: true, paymentId: ID, mode: "LIVE" });
    expect(verifyCallbackToken(createCallbackToken(ID, SECRET, "TEST"), SECRET)).toEqual({ valid: true, paymentId: ID, mode: "TEST" });
    expect(createCallbackToken(ID, SECRET, "TEST")).not.toBe(token);
    expect(verifyCallbackToken(token, `${SECRET}x`)).toMatchObject({ valid: false, paymentId: ID, reason: expect.stringMatching(/signature/) });
    expect(paymentIdOfToken(token)).toBe(ID);
  });

  it("still accept a token of an earlier version (the id signed alone), with no mode", () => {
    const legacy = `${ID}.${createHmac("sha256", SECRET).update(ID).digest("base64url")}`;
    expect(verifyCallbackToken(legacy, SECRET)).toEqual({ valid: true, paymentId: ID, mode: null });
  });

  it("refuse a token for another payment, a tampered signature and malformed shapes", () => {
    const signature = createCallbackToken(ID, SECRET, "TEST").split(".")[1]!;
    expect(verifyCallbackToken(`pay_AbCdEfGhIjKlMnOpQrStUvWy.${signature}`, SECRET).valid).toBe(false);
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    expect(verifyCallbackToken(`${ID}.${flipped}`, SECRET).valid).toBe(false);
    for (const bad of ["", "t0k3n", ID, `${ID}.`, `${ID}.${signature}.x`, `pay_x.${signature}`, `${ID}.${signature}=`, "../../etc/passwd"]) {
      expect(verifyCallbackToken(bad, SECRET)).toMatchObject({ valid: false });
    }
    expect(paymentIdOfToken("nonsense")).toBeNull();
  });

  it("build the callback URL under PUBLIC_URL", () => {
    expect(callbackUrlFor("https://pay.example.co.ke/", ID, SECRET, "LIVE")).toBe(`https://pay.example.co.ke/api/callbacks/stk/${createCallbackToken(ID, SECRET, "LIVE")}`);
  });

  it("come from payment ids whose callback path avoids Safaricom's banned words", () => {
    expect(containsBannedCallbackWord("pay_xxSqLxx")).toBe(true);
    expect(containsBannedCallbackWord("abc-M-PESA")).toBe(true);
    expect(containsBannedCallbackWord("QUERYx")).toBe(true);
    expect(containsBannedCallbackWord("pay_AbCd")).toBe(false);
    for (let i = 0; i < 2000; i++) {
      const mode = i % 2 ? "TEST" : "LIVE";
      const id = createCallbackSafePaymentId(SECRET, mode);
      expect(id).toMatch(/^pay_[0-9A-Za-z]{24}$/);
      expect(containsBannedCallbackWord(createCallbackToken(id, SECRET, mode))).toBe(false);
    }
  });
});
