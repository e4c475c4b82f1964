import { constants, createPublicKey, publicEncrypt, type KeyObject } from "node:crypto";

/**
 * Vodacom's bearer values: the API key (for getSession) and the session id (for every other call)
 * RSA-encrypted with the market's public key, PKCS#1 v1.5 padding, base64 (FACTS.md, Sessions).
 * The padding is random, so the same session id gives a different bearer on every call.
 */

/** Reads the public key as Vodacom hands it out (base64 DER SubjectPublicKeyInfo) or as PEM. */
export function readVodacomPublicKey(key: string): KeyObject {
  if (typeof key !== "string" || key.trim() === "") throw new TypeError("The Vodacom public key is empty");
  const text = key.trim();
  if (text.startsWith("-----BEGIN")) return assertRsa(createPublicKey({ key: text, format: "pem" }));
  const compact = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new TypeError("The Vodacom public key is neither base64 DER nor PEM");
  return assertRsa(createPublicKey({ key: Buffer.from(compact, "base64"), format: "der", type: "spki" }));
}

/** base64(RSA-PKCS#1-v1.5(publicKey, plaintext)). */
export function encryptForVodacom(plaintext: string, publicKey: KeyObject): string {
  const data = Buffer.from(plaintext, "utf8");
  // PKCS#1 v1.5 leaves 11 bytes of the modulus for padding.
  const room = (publicKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8 - 11;
  if (data.length > room) throw new RangeError(`Cannot encrypt ${data.length} bytes with this key (at most ${room})`);
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, data).toString("base64");
}

function assertRsa(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== "rsa") throw new TypeError(`The Vodacom public key must be RSA, not ${key.asymmetricKeyType ?? "unknown"}`);
  return key;
}
