import { normalizeKenyanPhone, phoneSearchDigits } from "@/lib/phone/kenyan-phone";

/**
 * What a finance user typed in the one search box, as the ways it could identify a payment. A
 * value can mean several things (a 10-character code is a receipt or a reference), so the query
 * ORs every reading; each reading is an exact or prefix match that an index serves.
 */
export type SearchReading =
  | { kind: "payment_id"; value: string }
  | { kind: "checkout_request_id"; value: string }
  | { kind: "receipt"; value: string }
  | { kind: "phone"; value: string }
  | { kind: "phone_suffix"; digits: string }
  | { kind: "reference_prefix"; value: string };

// Fewer trailing digits than this match too much to be a deliberate "last digits" search.
const MIN_SUFFIX_DIGITS = 3;
// M-Pesa receipts are 10 upper-case characters: a year letter, a month letter (A–L), a day (1–9,
// A–V), then 7 random letters or digits, e.g. "SKL7ZX9QW1". The random part may hold no digit at all
// ("UKTICFUXKZ"), so letters-only words must be read as receipts too.
const RECEIPT = /^[A-Z][A-L][1-9A-V][A-Z0-9]{7}$/i;

export function parseSearchTerm(input: string): SearchReading[] {
  const q = input.trim();
  if (!q) return [];
  if (/^pay_[0-9A-Za-z]+$/.test(q)) return [{ kind: "payment_id", value: q }];
  if (/^ws_co_/i.test(q)) return [{ kind: "checkout_request_id", value: q }];

  const readings: SearchReading[] = [];
  if (/^[+\d][\d\s\-.()]*$/.test(q)) {
    const phone = normalizeKenyanPhone(q);
    if (phone.ok) readings.push({ kind: "phone", value: phone.phone });
    else {
      const digits = phoneSearchDigits(q);
      if (digits.length >= MIN_SUFFIX_DIGITS && digits.length <= 12) readings.push({ kind: "phone_suffix", digits });
    }
  }
  if (RECEIPT.test(q)) readings.push({ kind: "receipt", value: q.toUpperCase() });
  // Storefronts choose references freely (≤ 12 characters), so any text may also be one.
  if (q.length <= 64) readings.push({ kind: "reference_prefix", value: q });
  return readings;
}
