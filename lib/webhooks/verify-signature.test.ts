import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload } from "@/lib/webhooks/sign-payload";
import { verifyMalipoSignature } from "@/lib/webhooks/verify-signature";

const secret = "whsec_currentSecret0123456789abcdefghij";
const oldSecret = "whsec_previousSecret0123456789abcdefgh";
const payload = JSON.stringify({ id: "evt_1", type: "payment.succeeded", data: { object: { id: "pay_1", amount: 150 } } });
const t = 1_800_000_000;

describe("signing and verifying a webhook", () => {
  it("signs t.<body> with HMAC-SHA256 in hex, in the documented header format", () => {
    const header = signPayload({ payload, secrets: [secret], timestamp: t });
    const expected = createHmac("sha256", secret).update(`${t}.${payload}`).digest("hex");
    expect(header).toBe(`t=${t},v1=${expected}`);
    expect(verifyMalipoSignature({ payload, header, secret, now: t })).toEqual({ valid: true, timestamp: t });
  });

  it("rejects a tampered body, even by one character", () => {
    const header = signPayload({ payload, secrets: [secret], timestamp: t });
    const tampered = payload.replace('"amount":150', '"amount":15');
    expect(verifyMalipoSignature({ payload: tampered, header, secret, now: t })).toEqual({ valid: false, reason: "signature_mismatch" });
    expect(verifyMalipoSignature({ payload: `${payload} `, header, secret, now: t }).valid).toBe(false);
  });

  it("rejects the wrong secret", () => {
    const header = signPayload({ payload, secrets: [secret], timestamp: t });
    expect(verifyMalipoSignature({ payload, header, secret: oldSecret, now: t })).toEqual({ valid: false, reason: "signature_mismatch" });
  });

  it("rejects a stale or a future timestamp beyond the tolerance, and accepts one at its edge", () => {
    const header = signPayload({ payload, secrets: [secret], timestamp: t });
    expect(verifyMalipoSignature({ payload, header, secret, now: t + 301 })).toEqual({ valid: false, reason: "timestamp_out_of_tolerance" });
    expect(verifyMalipoSignature({ payload, header, secret, now: t - 301 })).toEqual({ valid: false, reason: "timestamp_out_of_tolerance" });
    expect(verifyMalipoSignature({ payload, header, secret, now: t + 300 }).valid).toBe(true);
    expect(verifyMalipoSignature({ payload, header, secret, now: t + 30, toleranceSeconds: 10 }).valid).toBe(false);
  });

  it("cannot be replayed with a new timestamp: the timestamp is part of what is signed", () => {
    const header = signPayload({ payload, secrets: [secret], timestamp: t });
    const moved = header.replace(`t=${t}`, `t=${t + 1000}`);
    expect(verifyMalipoSignature({ payload, header: moved, secret, now: t + 1000 })).toEqual({ valid: false, reason: "signature_mismatch" });
  });

  it("accepts any of several v1 signatures, so either secret verifies during a rotation", () => {
    const header = signPayload({ payload, secrets: [secret, oldSecret], timestamp: t });
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifyMalipoSignature({ payload, header, secret, now: t }).valid).toBe(true);
    expect(verifyMalipoSignature({ payload, header, secret: oldSecret, now: t }).valid).toBe(true);
    expect(verifyMalipoSignature({ payload, header, secret: "whsec_someoneElse", now: t }).valid).toBe(false);
  });

  it("tolerates spaces and unknown schemes, and refuses headers without a timestamp or a v1", () => {
    const header = signPayload({ payload, secrets: [secret], timestamp: t });
    const [ts, v1] = header.split(",");
    expect(verifyMalipoSignature({ payload, header: `${ts}, v0=abc, ${v1}`, secret, now: t }).valid).toBe(true);
    for (const bad of ["", v1!, ts!, "t=abc,v1=00", `t=${t},v1=nothex`, "garbage"]) {
      expect(verifyMalipoSignature({ payload, header: bad, secret, now: t })).toEqual({ valid: false, reason: "malformed_header" });
    }
  });

  it("refuses to sign with no secret at all", () => {
    expect(() => signPayload({ payload, secrets: [], timestamp: t })).toThrow();
  });
});
