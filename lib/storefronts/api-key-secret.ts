import { createHash } from "node:crypto";
import { randomBase62 } from "@/lib/ids";

export type KeyMode = "TEST" | "LIVE";

const KEY_PATTERN = /^sk_(test|live)_[0-9A-Za-z]{32}$/;

/** A new secret API key: `sk_test_…` / `sk_live_…` followed by 32 random base62 characters. */
export function generateApiKeySecret(mode: KeyMode): string {
  return `sk_${mode === "LIVE" ? "live" : "test"}_${randomBase62(32)}`;
}

export function isWellFormedApiKey(secret: string): boolean {
  return KEY_PATTERN.test(secret);
}

export function modeOfApiKey(secret: string): KeyMode {
  return secret.startsWith("sk_live_") ? "LIVE" : "TEST";
}

/** Keys carry 190 bits of entropy, so a fast hash is enough; only the hash is stored. */
export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** What the dashboard shows of a key: its mode and first characters. */
export function apiKeyDisplayPrefix(secret: string): string {
  return secret.slice(0, 12);
}
