import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { signedReturnUrl, type ReturnResult } from "@/lib/checkout/sign-return";

// The README's "verify the signed return" snippet, run as a storefront would run it.
const README = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
const section = README.slice(README.indexOf("### The signed return"));
const code = /```js\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
const context = vm.createContext({ require: createRequire(import.meta.url), URL, Buffer });
vm.runInContext(code, context);
const verifyReturn = context.verifyReturn as (url: string, secret: string, nowSeconds?: number, toleranceSeconds?: number) => boolean;

const secret = "crs_" + "r".repeat(40);
const at = new Date("2030-05-01T09:00:00Z");
const T = at.getTime() / 1000;
const result: ReturnResult = { sessionId: "cs_1", paymentId: "pay_1", status: "succeeded", amount: 99, reference: "INV 7" };

describe("the README's return verification snippet", () => {
  it("is in the README", () => {
    expect(code).toContain("function verifyReturn");
  });

  it("accepts what the page signs, with or without a payment, and refuses tampering, another secret and a stale timestamp", () => {
    const url = signedReturnUrl("https://shop.example/thanks?o=1", result, secret, at);
    expect(verifyReturn(url, secret, T + 5)).toBe(true);
    expect(verifyReturn(signedReturnUrl("https://shop.example/cart", { ...result, paymentId: null, status: "cancelled" }, secret, at), secret, T)).toBe(true);
    expect(verifyReturn(url.replace("malipo_amount=99", "malipo_amount=9"), secret, T)).toBe(false);
    expect(verifyReturn(url, "crs_other", T)).toBe(false);
    expect(verifyReturn(url, secret, T + 601)).toBe(false);
    expect(verifyReturn("https://shop.example/thanks?malipo_status=succeeded", secret, T)).toBe(false);
  });
});
