import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "@/lib/web/content-security-policy";

describe("the content security policy", () => {
  it("lets scripts run only with the nonce, never inline ones", () => {
    const policy = contentSecurityPolicy("abc123==");
    const scripts = policy.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scripts).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
  });
  it("allows eval for React's development build only", () => {
    expect(contentSecurityPolicy("n", { dev: true })).toMatch(/script-src [^;]*'unsafe-eval'/);
  });
  it("makes a different nonce every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
