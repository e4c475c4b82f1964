import { createHash, randomBytes } from "node:crypto";

/**
 * One-time recovery codes, for an admin who lost the phone with the authenticator app. Each is 80
 * random bits (16 base32 characters, shown as four groups), so a SHA-256 hash is enough to store
 * it safely; dashes, spaces and case do not matter when it is typed.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}

/** Whether what was typed has the shape of a recovery code (not of a 6-digit TOTP code). */
export function looksLikeRecoveryCode(code: string): boolean {
  return new RegExp(`^[${ALPHABET}]{16}$`).test(normaliseRecoveryCode(code));
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}
