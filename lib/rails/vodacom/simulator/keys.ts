import { constants, createPrivateKey, createPublicKey, generateKeyPair, privateDecrypt, type KeyObject } from "node:crypto";

/**
 * The simulator's RSA key pair: the public half is published (as Vodacom's portal shows its key,
 * base64 DER SubjectPublicKeyInfo), the private half decrypts bearers.
 *
 * Node refuses PKCS#1 v1.5 padding in privateDecrypt (the Marvin timing attack, CVE-2023-46809),
 * so decryption is raw RSA and the padding is checked here. Timing leaks do not matter in a local
 * fake; this module must never be used to guard a real secret.
 */
export interface SimulatorKeys {
  /** base64 DER SPKI, e.g. `MIICIjANBgkq…` for 4096 bits. */
  publicKeyBase64: string;
  modulusLength: number;
  privateKey: KeyObject;
}

export async function generateSimulatorKeys(modulusLength: number): Promise<SimulatorKeys> {
  const { publicKey, privateKey } = await new Promise<{ publicKey: KeyObject; privateKey: KeyObject }>((resolve, reject) =>
    generateKeyPair("rsa", { modulusLength }, (error, pub, priv) => (error ? reject(error) : resolve({ publicKey: pub, privateKey: priv }))));
  return { publicKeyBase64: publicKey.export({ type: "spki", format: "der" }).toString("base64"), modulusLength, privateKey };
}

/** Keys from PEM or base64 DER text (the `keyPair` option). */
export function importSimulatorKeys(pair: { publicKey: string; privateKey: string }): SimulatorKeys {
  const publicKey = pair.publicKey.trim().startsWith("-----BEGIN")
    ? createPublicKey(pair.publicKey)
    : createPublicKey({ key: Buffer.from(pair.publicKey, "base64"), format: "der", type: "spki" });
  const privateKey = pair.privateKey.trim().startsWith("-----BEGIN")
    ? createPrivateKey(pair.privateKey)
    : createPrivateKey({ key: Buffer.from(pair.privateKey, "base64"), format: "der", type: "pkcs8" });
  return {
    publicKeyBase64: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    modulusLength: publicKey.asymmetricKeyDetails?.modulusLength ?? 0,
    privateKey,
  };
}

/** The plaintext of a `Bearer` value, or null when it is not base64 of a PKCS#1 v1.5 block for our key. */
export function decryptBearer(keys: SimulatorKeys, bearer: string): string | null {
  const compact = bearer.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  const cipher = Buffer.from(compact, "base64");
  if (cipher.length !== keys.modulusLength / 8) return null;
  let block: Buffer;
  try {
    block = privateDecrypt({ key: keys.privateKey, padding: constants.RSA_NO_PADDING }, cipher);
  } catch {
    return null;
  }
  return unpadPkcs1Type2(block);
}

/** EM = 0x00 ‖ 0x02 ‖ PS (≥ 8 non-zero bytes) ‖ 0x00 ‖ M (RFC 8017 §7.2.2). */
export function unpadPkcs1Type2(block: Buffer): string | null {
  if (block.length < 11 || block[0] !== 0x00 || block[1] !== 0x02) return null;
  const separator = block.indexOf(0x00, 2);
  if (separator < 10) return null;
  const message = block.subarray(separator + 1);
  const text = message.toString("utf8");
  // Bearers are text; bytes that are not UTF-8 mean someone encrypted something else.
  return Buffer.from(text, "utf8").equals(message) ? text : null;
}
