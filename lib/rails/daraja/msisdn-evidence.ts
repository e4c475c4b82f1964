import { createHash } from "node:crypto";
import { maskPhone } from "@/lib/logger";
import { normalizeKenyanPhone } from "@/lib/phone/kenyan-phone";

/**
 * What a payer's phone number field actually tells us. C2B v2 masks it ("2547 ***** 126"), C2B v1
 * sends a SHA-256 hex digest, Pull Transactions drops the 254 ("708374149" as a number), the
 * statement masks the middle ("25472****108", "070****444"), and only Transaction Status results
 * carry the full number. Never assume a full number: match with `msisdnMatches`.
 */
export type MsisdnEvidence =
  | { kind: "full"; msisdn: string; display: string }
  | { kind: "masked"; prefix: string; suffix: string; display: string }
  | { kind: "hashed"; sha256: string; display: string }
  | { kind: "partial"; digits: string; display: string };

const MASKED = /^(\d*)[*Xx]+(\d*)$/;

/** Reads any of the shapes above; null for an empty or unrecognisable value. */
export function readMsisdn(value: unknown): MsisdnEvidence | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? String(value) : value;
  if (typeof text !== "string") return null;
  const compact = text.replace(/[\s-]/g, "");
  if (compact === "") return null;
  if (/^[0-9a-f]{64}$/i.test(compact)) {
    const sha256 = compact.toLowerCase();
    return { kind: "hashed", sha256, display: `sha256:${sha256.slice(0, 8)}…` };
  }
  const full = fullNumber(compact);
  if (full) return { kind: "full", msisdn: full, display: maskPhone(full) };
  const masked = MASKED.exec(compact);
  if (masked && (masked[1] || masked[2])) {
    const prefix = international(masked[1] ?? "");
    const suffix = masked[2] ?? "";
    return { kind: "masked", prefix, suffix, display: `${prefix}****${suffix}` };
  }
  if (/^\d{4,11}$/.test(compact)) return { kind: "partial", digits: compact, display: `****${compact.slice(-3)}` };
  return null;
}

/**
 * Whether the evidence is consistent with a full `2547…`/`2541…` number. A masked or partial
 * number only says "could be": treat a match as a weak hint and key on the receipt.
 */
export function msisdnMatches(evidence: MsisdnEvidence, msisdn: string): boolean {
  switch (evidence.kind) {
    case "full":
      return evidence.msisdn === msisdn;
    case "masked":
      return msisdn.startsWith(evidence.prefix) && msisdn.endsWith(evidence.suffix) && evidence.prefix.length + evidence.suffix.length <= msisdn.length;
    case "partial":
      return msisdn.endsWith(evidence.digits);
    case "hashed":
      // The digest's input format is undocumented: try the international and the local form.
      return [msisdn, `0${msisdn.slice(3)}`].some((form) => sha256Hex(form) === evidence.sha256);
  }
}

/** The SHA-256 hex digest C2B v1 sends in place of the MSISDN. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function fullNumber(digits: string): string | null {
  // Pull Transactions drops the country code: 9 digits starting 7 or 1 are a whole subscriber number.
  const candidate = /^[17]\d{8}$/.test(digits) ? `254${digits}` : digits;
  if (!/^\+?\d{10,13}$/.test(candidate)) return null;
  const normalised = normalizeKenyanPhone(candidate);
  return normalised.ok ? normalised.phone : null;
}

function international(prefix: string): string {
  if (prefix.startsWith("254")) return prefix;
  if (prefix.startsWith("0")) return `254${prefix.slice(1)}`;
  return /^[17]/.test(prefix) ? `254${prefix}` : prefix;
}
