import { createHash } from "node:crypto";
import { normalizeKenyanPhone } from "./kenyan-phone";

/**
 * Compares the phone number M-Pesa reports for a payment with the one the prompt was sent to.
 * M-Pesa reports it in several forms: plain digits (a number, 12 digits), masked with asterisks
 * ("2547 ***** 126"), or as the SHA-256 hex of the 12-digit number; each is compared as far as it
 * can be. Only a number that is certainly another one is "different".
 */
export type PhoneComparison =
  | { kind: "same" }
  /** Masked or hashed, and consistent with the expected number as far as can be told. */
  | { kind: "consistent"; form: "masked" | "hashed" }
  | { kind: "different" }
  /** Nothing to compare: no number reported, every digit hidden, or a form we cannot read. */
  | { kind: "unverifiable" };

const MASK = /[*xX•#]/;

export function compareReportedPhone(expected: string, reported: string | undefined): PhoneComparison {
  if (reported === undefined) return { kind: "unverifiable" };
  const compact = reported.replace(/[\s\-.()+]/g, "");
  if (compact === "") return { kind: "unverifiable" };
  if (/^[0-9a-f]{64}$/i.test(compact)) {
    const hash = createHash("sha256").update(expected).digest("hex");
    return compact.toLowerCase() === hash ? { kind: "consistent", form: "hashed" } : { kind: "different" };
  }
  if (MASK.test(compact)) return compareMasked(expected, compact);
  if (!/^\d+$/.test(compact)) return { kind: "unverifiable" };
  const normalised = normalizeKenyanPhone(compact);
  // Digits that are no Kenyan mobile number are, in any case, not the expected one.
  return normalised.ok && normalised.phone === expected ? { kind: "same" } : { kind: "different" };
}

/** Position by position against the same form of the expected number (2547…, 07… or 7…). */
function compareMasked(expected: string, masked: string): PhoneComparison {
  const subscriber = expected.slice(3);
  // A form is recognised by its length and its prefix (where the prefix is shown).
  const fits = (prefix: RegExp) => prefix.test(masked.replace(new RegExp(MASK.source, "g"), "?"));
  const form = masked.length === 12 && fits(/^[2?][5?][4?]/) ? expected
    : masked.length === 10 && fits(/^[0?]/) ? `0${subscriber}`
      : masked.length === 9 && fits(/^[17?]/) ? subscriber : null;
  if (!form) return { kind: "unverifiable" };
  let visible = 0;
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i]!;
    if (MASK.test(c)) continue;
    if (!/\d/.test(c)) return { kind: "unverifiable" };
    if (c !== form[i]) return { kind: "different" };
    // The country code and trunk prefix say nothing about whose number it is.
    if (i >= form.length - subscriber.length + 1) visible++;
  }
  return visible === 0 ? { kind: "unverifiable" } : { kind: "consistent", form: "masked" };
}
