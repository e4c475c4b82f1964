import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptBearer } from "./simulator/keys";
import { encryptForVodacom, readVodacomPublicKey } from "./rsa";

// A small key keeps the test fast; the 4096-bit default is exercised over HTTP against the simulator.
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
const der = publicKey.export({ type: "spki", format: "der" }).toString("base64");
const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
const keys = { publicKeyBase64: der, modulusLength: 1024, privateKey };

describe("encryptForVodacom", () => {
  it("round-trips through the private key (PKCS#1 v1.5, base64)", () => {
    const bearer = encryptForVodacom("01cf5f6a5b2b4a36a4d8f1c5a9e8e7d2", readVodacomPublicKey(der));
    expect(bearer).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(bearer, "base64")).toHaveLength(128);
    expect(decryptBearer(keys, bearer)).toBe("01cf5f6a5b2b4a36a4d8f1c5a9e8e7d2");
  });

  it("pads randomly: the same session id gives a different bearer every time", () => {
    const key = readVodacomPublicKey(der);
    const bearers = new Set(Array.from({ length: 5 }, () => encryptForVodacom("same-session", key)));
    expect(bearers.size).toBe(5);
    for (const bearer of bearers) expect(decryptBearer(keys, bearer)).toBe("same-session");
  });

  it("keeps UTF-8 intact", () => {
    expect(decryptBearer(keys, encryptForVodacom("ufunguo-wa-API-ñ-✓", readVodacomPublicKey(der)))).toBe("ufunguo-wa-API-ñ-✓");
  });

  it("refuses a plaintext the key has no room for", () => {
    expect(() => encryptForVodacom("x".repeat(118), readVodacomPublicKey(der))).toThrow(/at most 117/);
    expect(() => encryptForVodacom("x".repeat(117), readVodacomPublicKey(der))).not.toThrow();
  });
});

describe("readVodacomPublicKey", () => {
  it("reads the portal's base64 DER, with or without line breaks, and PEM", () => {
    for (const text of [der, der.replace(/(.{64})/g, "$1\n"), pem]) {
      expect(readVodacomPublicKey(text).asymmetricKeyDetails?.modulusLength).toBe(1024);
    }
  });

  it("refuses empty text, garbage and keys that are not RSA", () => {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
    expect(() => readVodacomPublicKey("")).toThrow(/empty/);
    expect(() => readVodacomPublicKey("not a key!")).toThrow(/neither base64 DER nor PEM/);
    expect(() => readVodacomPublicKey("QUJD")).toThrow();
    expect(() => readVodacomPublicKey(ec)).toThrow(/must be RSA/);
  });
});
