import { describe, expect, it } from "vitest";
import { formatManualKey, generateTotpSecret, matchTotpStep, totpCode, totpUri } from "@/lib/auth/totp";
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode } from "@/lib/auth/recovery-codes";

const NOW = new Date("2026-12-06T09:00:15.000Z");
const STEP = Math.floor(NOW.getTime() / 30_000);

describe("TOTP", () => {
  it("accepts the current code and its neighbours, and says which step each belongs to", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(matchTotpStep(secret, totpCode(secret, NOW), NOW)).toBe(STEP);
    expect(matchTotpStep(secret, totpCode(secret, new Date(NOW.getTime() + 30_000)), NOW)).toBe(STEP + 1);
    expect(matchTotpStep(secret, totpCode(secret, new Date(NOW.getTime() - 30_000)), NOW)).toBe(STEP - 1);
  });

  it("refuses a stale code, another secret's code and anything that is not six digits", () => {
    const secret = generateTotpSecret();
    expect(matchTotpStep(secret, totpCode(secret, new Date(NOW.getTime() - 120_000)), NOW)).toBeNull();
    expect(matchTotpStep(secret, totpCode(generateTotpSecret(), NOW), NOW)).toBeNull();
    for (const junk of ["", "12345", "1234567", "abcdef", "12 34 5x"]) expect(matchTotpStep(secret, junk, NOW)).toBeNull();
    const spaced = totpCode(secret, NOW).replace(/(\d{3})/, "$1 ");
    expect(matchTotpStep(secret, spaced, NOW)).toBe(STEP);
  });

  it("makes an otpauth URI and a key a person can type", () => {
    const secret = generateTotpSecret();
    expect(totpUri(secret, "admin@example.com")).toMatch(new RegExp(`^otpauth://totp/Malipo:admin%40example\\.com\\?issuer=Malipo&secret=${secret}&algorithm=SHA1&digits=6&period=30$`));
    expect(formatManualKey("ABCDEFGHIJKL")).toBe("ABCD EFGH IJKL");
  });
});

describe("recovery codes", () => {
  it("are random, four groups of four, and hash the same however they are typed", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(hashRecoveryCode(codes[0]!.toUpperCase().replaceAll("-", " "))).toBe(hashRecoveryCode(codes[0]!));
    expect(looksLikeRecoveryCode(codes[1]!)).toBe(true);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
