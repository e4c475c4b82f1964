import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Secrets Malipo must use again, so it cannot hash them (webhook signing secrets, TOTP secrets,
 * collection accounts' keys), are stored encrypted: AES-256-GCM under a key derived from DATA_SECRET.
 * The derivation label dates from the first user (webhook endpoints) and stays, so existing rows read.
 */

const FORMAT = "v1";

function keyFrom(dataSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", dataSecret, "malipo", "webhook-endpoint-secrets", 32));
}

/** "v1.<iv>.<tag>.<ciphertext>", each base64url; a fresh 96-bit IV per secret. */
export function encryptSecret(plain: string, dataSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(dataSecret), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(stored: string, dataSecret: string): string {
  const [format, iv, tag, ciphertext] = stored.split(".");
  if (format !== FORMAT || !iv || !tag || ciphertext === undefined) throw new Error("Unreadable encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(dataSecret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
