import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { activeSigningSecrets, generateEndpointSecret } from "@/lib/webhooks/endpoint-secrets";

const KEY = "a-data-secret-of-sufficient-length-for-tests";

describe("webhook endpoint secrets", () => {
  it("encrypts with a fresh IV each time and decrypts back", () => {
    const secret = generateEndpointSecret();
    expect(secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    const a = encryptSecret(secret, KEY);
    const b = encryptSecret(secret, KEY);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(decryptSecret(a, KEY)).toBe(secret);
  });

  it("refuses a tampered ciphertext or another key", () => {
    const stored = encryptSecret("whsec_x", KEY);
    const parts = stored.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([...parts.slice(0, 3), flipped.toString("base64url")].join("."), KEY)).toThrow();
    expect(() => decryptSecret(stored, `${KEY}-other`)).toThrow();
  });

  it("signs with the previous secret only during its grace period", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const endpoint = { secretEncrypted: encryptSecret("new", KEY), previousSecretEncrypted: encryptSecret("old", KEY), previousSecretExpiresAt: new Date(now.getTime() + 1000) };
    expect(activeSigningSecrets(endpoint, KEY, now)).toEqual(["new", "old"]);
    expect(activeSigningSecrets(endpoint, KEY, new Date(now.getTime() + 2000))).toEqual(["new"]);
  });
});
