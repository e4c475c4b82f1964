import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { initiatorCredentials } from "./credentials";
import { CertificateError, encryptSecurityCredential, readEncryptionKey } from "./security-credential";
import { decryptSecurityCredential, SIMULATOR_CERTIFICATE_PEM, simulatorKeys } from "../simulator/security-keys";

const PASSWORD = "Safaricom999!*!";
const { privateKey } = simulatorKeys();

describe("encryptSecurityCredential", () => {
  it("is base64 RSA PKCS#1 v1.5 of the raw password under the certificate's key (344 characters for RSA-2048)", () => {
    const credential = encryptSecurityCredential(PASSWORD, SIMULATOR_CERTIFICATE_PEM);
    expect(credential).toMatch(/^[A-Za-z0-9+/]{342}==$/);
    expect(decryptSecurityCredential(credential, privateKey)).toBe(PASSWORD);
  });

  it("differs on every call (random padding) and every one decrypts", () => {
    const a = encryptSecurityCredential(PASSWORD, SIMULATOR_CERTIFICATE_PEM);
    const b = encryptSecurityCredential(PASSWORD, SIMULATOR_CERTIFICATE_PEM);
    expect(a).not.toBe(b);
    expect([a, b].map((c) => decryptSecurityCredential(c, privateKey))).toEqual([PASSWORD, PASSWORD]);
  });

  it("accepts a DER .cer, a public key PEM and a key object", () => {
    const der = new X509Certificate(SIMULATOR_CERTIFICATE_PEM).raw;
    const publicPem = readEncryptionKey(SIMULATOR_CERTIFICATE_PEM).export({ type: "spki", format: "pem" }).toString();
    for (const certificate of [der, publicPem, readEncryptionKey(SIMULATOR_CERTIFICATE_PEM)]) {
      expect(decryptSecurityCredential(encryptSecurityCredential("pässwörd#&%$", certificate), privateKey)).toBe("pässwörd#&%$");
    }
  });

  it("builds reusable initiator credentials", () => {
    const initiator = initiatorCredentials({ name: " testapi ", password: PASSWORD, certificate: SIMULATOR_CERTIFICATE_PEM });
    expect(initiator.name).toBe("testapi");
    expect(decryptSecurityCredential(initiator.securityCredential, privateKey)).toBe(PASSWORD);
    expect(() => initiatorCredentials({ name: " ", password: PASSWORD, certificate: SIMULATOR_CERTIFICATE_PEM })).toThrow(/name/);
  });

  it("refuses an empty password", () => {
    expect(() => encryptSecurityCredential("", SIMULATOR_CERTIFICATE_PEM)).toThrow(CertificateError);
  });
});

describe("readEncryptionKey refuses the usual wrong files, saying which", () => {
  it.each([
    ["<!DOCTYPE html><html><head><title>Daraja</title></head></html>", /HTML page/],
    [generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(), /private key/],
    ["just some text", /Not a certificate/],
    ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", /could not be read/],
    [generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString(), /ec key/],
  ])("%#", (input, message) => {
    expect(() => readEncryptionKey(input)).toThrow(message);
  });
});

describe("decryptSecurityCredential (the simulator's check)", () => {
  it.each(["", "not base64!", Buffer.alloc(256, 7).toString("base64"), Buffer.alloc(10).toString("base64")])("gives null for %j", (credential) => {
    expect(decryptSecurityCredential(credential, privateKey)).toBeNull();
  });

  it("gives null for a credential made with another certificate's key", () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    expect(decryptSecurityCredential(encryptSecurityCredential(PASSWORD, other), privateKey)).not.toBe(PASSWORD);
  });
});
