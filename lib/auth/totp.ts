import { Secret, TOTP } from "otpauth";

/**
 * TOTP (RFC 6238) as every authenticator app does it: SHA-1, 6 digits, 30-second steps, through
 * otpauth. A code is accepted one step either side of now (clocks drift), and only for a step
 * later than the last one accepted, so a code seen over someone's shoulder cannot be used again.
 */
const ISSUER = "Malipo";
const PERIOD_SECONDS = 30;

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an app reads from the QR code. */
export function totpUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/** "ABCD EFGH …": the key to type into an app by hand. */
export function formatManualKey(secret: string): string {
  return secret.replace(/(.{4})(?!$)/g, "$1 ");
}

/** The 30-second step a code belongs to, or null when it is not a current code of this secret. */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret).validate({ token, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : currentStep(now) + delta;
}

/** The code for `now` (tests, and nothing else, need to make one). */
export function totpCode(secret: string, now: Date): string {
  return totp(secret).generate({ timestamp: now.getTime() });
}

function currentStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

function totp(secret: string, label = "account"): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}
