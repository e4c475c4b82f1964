import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signedReturnUrl, verifyReturnUrl, type ReturnResult } from "@/lib/checkout/sign-return";

const secret = "crs_" + "s".repeat(40);
const now = new Date("2030-05-01T09:00:00Z");
const result: ReturnResult = { sessionId: "cs_abc", paymentId: "pay_xyz", status: "succeeded", amount: 150, reference: "ORDER 1" };

describe("the signed return", () => {
  it("adds the result to the storefront's URL, keeping its own parameters, and verifies", () => {
    const url = signedReturnUrl("https://shop.example/done?order=1", result, secret, now);
    const params = new URL(url).searchParams;
    expect(params.get("order")).toBe("1");
    expect(params.get("malipo_timestamp")).toBe(String(now.getTime() / 1000));
    expect(verifyReturnUrl(url, secret, { now })).toEqual({ ok: true, result, timestamp: now.getTime() / 1000 });
  });

  it("is the documented HMAC: hex SHA-256 of timestamp.session.payment.status.amount.reference", () => {
    const url = new URL(signedReturnUrl("https://shop.example/", result, secret, now));
    const t = now.getTime() / 1000;
    const expected = createHmac("sha256", secret).update(`${t}.cs_abc.pay_xyz.succeeded.150.ORDER 1`).digest("hex");
    expect(url.searchParams.get("malipo_signature")).toBe(expected);
  });

  it("signs a result without a payment with an empty payment id", () => {
    const url = signedReturnUrl("https://shop.example/cart", { ...result, paymentId: null, status: "cancelled" }, secret, now);
    expect(verifyReturnUrl(url, secret, { now })).toMatchObject({ ok: true, result: { paymentId: null, status: "cancelled" } });
  });

  it("refuses a tampered value, a forged signature, another secret, an old timestamp and missing fields", () => {
    const url = signedReturnUrl("https://shop.example/done", { ...result, status: "failed" }, secret, now);
    expect(verifyReturnUrl(url.replace("malipo_status=failed", "malipo_status=succeeded"), secret, { now })).toEqual({ ok: false, reason: "signature does not match" });
    expect(verifyReturnUrl(url.replace(/malipo_signature=[0-9a-f]+/, `malipo_signature=${"0".repeat(64)}`), secret, { now }).ok).toBe(false);
    expect(verifyReturnUrl(url.replace(/malipo_signature=[0-9a-f]+/, "malipo_signature=zz"), secret, { now }).ok).toBe(false);
    expect(verifyReturnUrl(url, "crs_other", { now }).ok).toBe(false);
    expect(verifyReturnUrl(url, secret, { now: new Date(now.getTime() + 601_000) })).toEqual({ ok: false, reason: "timestamp outside the tolerance" });
    expect(verifyReturnUrl(url, secret, { now: new Date(now.getTime() + 601_000), toleranceSeconds: 900 }).ok).toBe(true);
    expect(verifyReturnUrl("https://shop.example/done?malipo_status=succeeded", secret, { now })).toEqual({ ok: false, reason: "missing or malformed parameters" });
  });

  it("replaces malipo_* parameters already on the URL instead of repeating them", () => {
    const url = signedReturnUrl("https://shop.example/done?malipo_status=succeeded&malipo_signature=x", { ...result, status: "failed" }, secret, now);
    expect(new URL(url).searchParams.getAll("malipo_status")).toEqual(["failed"]);
    expect(verifyReturnUrl(url, secret, { now }).ok).toBe(true);
  });
});
