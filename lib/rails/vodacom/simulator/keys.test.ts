import { constants, publicEncrypt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { testKeyPair } from "../test-support";
import { decryptBearer, generateSimulatorKeys, importSimulatorKeys, unpadPkcs1Type2 } from "./keys";

const keys = importSimulatorKeys(testKeyPair());
const encrypt = (data: Buffer, padding = constants.RSA_PKCS1_PADDING) => publicEncrypt({ key: testKeyPair().publicKey, padding }, data).toString("base64");

describe("the simulator's bearer decryption", () => {
  it("reads what a PKCS#1 v1.5 client encrypted with the published key", () => {
    expect(decryptBearer(keys, encrypt(Buffer.from("malipoVodacomSimulatorApiKey0001")))).toBe("malipoVodacomSimulatorApiKey0001");
  });

  it("refuses bearers that are not base64 of one block for this key", () => {
    expect(decryptBearer(keys, "")).toBeNull();
    expect(decryptBearer(keys, "not base64!")).toBeNull();
    expect(decryptBearer(keys, Buffer.from("short").toString("base64"))).toBeNull();
    expect(decryptBearer(keys, "01cf5f6a5b2b4a36a4d8f1c5a9e8e7d2")).toBeNull();
    // The right length but not a PKCS#1 v1.5 block (OAEP padding).
    expect(decryptBearer(keys, encrypt(Buffer.from("x"), constants.RSA_PKCS1_OAEP_PADDING))).toBeNull();
  });

  it("checks the padding as RFC 8017 describes it", () => {
    const block = (bytes: number[]) => Buffer.from(bytes);
    const ps = Array(8).fill(0xff);
    expect(unpadPkcs1Type2(block([0, 2, ...ps, 0, 0x68, 0x69]))).toBe("hi");
    expect(unpadPkcs1Type2(block([0, 1, ...ps, 0, 0x68, 0x69]))).toBeNull();
    expect(unpadPkcs1Type2(block([1, 2, ...ps, 0, 0x68, 0x69]))).toBeNull();
    expect(unpadPkcs1Type2(block([0, 2, ...Array(7).fill(0xff), 0, 0x68, 0x69]))).toBeNull();
    expect(unpadPkcs1Type2(block([0, 2, ...ps, 0xff, 0x68]))).toBeNull();
    expect(unpadPkcs1Type2(block([0, 2, ...ps, 0, 0xc3, 0x28]))).toBeNull();
    expect(unpadPkcs1Type2(block([0, 2, ...ps, 0]))).toBe("");
  });

  it("generates key pairs and publishes the public half as base64 DER", async () => {
    const generated = await generateSimulatorKeys(1024);
    expect(generated.publicKeyBase64).toMatch(/^MIGfMA0GCSqGSIb3DQEBAQUAA4GNAD/);
    expect(generated.modulusLength).toBe(1024);
  });

  it("imports a key pair given as base64 DER as well as PEM", () => {
    const der = { publicKey: keys.publicKeyBase64, privateKey: keys.privateKey.export({ type: "pkcs8", format: "der" }).toString("base64") };
    expect(importSimulatorKeys(der).publicKeyBase64).toBe(keys.publicKeyBase64);
  });
});
