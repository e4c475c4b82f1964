// Daraja answers anything but 12 digits 2547…/2541… with "Invalid PhoneNumber" (lib/rails/daraja/FACTS.md §2).

export type PhoneResult = { ok: true; phone: string } | { ok: false; message: string };

const COUNTRY_CODE = "254";
const SUBSCRIBER_DIGITS = 9;
// Separators people type between digit groups; anything else is a mistake worth reporting.
const SEPARATORS = /[\s\-.()]/g;

/** Normalises a Kenyan mobile number to `2547XXXXXXXX` / `2541XXXXXXXX`, or says what is wrong with it. */
export function normalizeKenyanPhone(input: string): PhoneResult {
  if (typeof input !== "string") return fail("must be text");
  const compact = input.replace(SEPARATORS, "");
  if (compact === "") return fail("is empty");
  if (compact === "+") return fail("is too short");
  if (/\p{L}/u.test(compact)) return fail("must not contain letters");
  if (!/^\+?\d+$/.test(compact)) {
    return compact.slice(1).includes("+")
      ? fail("may only have a + at the start")
      : fail("may only contain digits, spaces, dashes, dots, parentheses and a leading +");
  }

  const international = compact.startsWith("+");
  const digits = international ? compact.slice(1) : compact;
  let subscriber: string;
  if (digits.startsWith(COUNTRY_CODE)) {
    subscriber = digits.slice(COUNTRY_CODE.length);
    // "+254 (0)712…" is a common way of writing it, but ambiguous enough to ask for a clean number.
    if (subscriber.startsWith("0")) return fail("must not have a 0 after the country code 254 (write 2547… or 07…)");
  } else if (international) {
    return fail("must be a Kenyan number (+254…)");
  } else if (digits.startsWith("0")) {
    subscriber = digits.slice(1);
  } else {
    subscriber = digits;
  }

  if (!/^[17]/.test(subscriber)) {
    return fail(subscriber === "" ? "is too short" : "is not a Kenyan mobile number (it must start with 07, 01, 2547 or 2541)");
  }
  const off = subscriber.length - SUBSCRIBER_DIGITS;
  if (off < 0) return fail(`is too short (${digitCount(-off)} missing)`);
  if (off > 0) return fail(`is too long (${digitCount(off)} too many)`);
  return { ok: true, phone: COUNTRY_CODE + subscriber };
}

/** Digits for "ends with"/"contains" search over stored numbers, minus country code or trunk 0: `0712 345` → `712345`. */
export function phoneSearchDigits(input: string): string {
  const digits = String(input ?? "").replace(/\D/g, "");
  // Only strip a prefix that is clearly one (followed by a mobile prefix): "254" alone may be the tail.
  if (/^254[17]/.test(digits)) return digits.slice(COUNTRY_CODE.length);
  if (/^0[17]/.test(digits)) return digits.slice(1);
  return digits;
}

function fail(problem: string): PhoneResult {
  return { ok: false, message: `Phone number ${problem}` };
}

function digitCount(n: number): string {
  return `${n} digit${n === 1 ? "" : "s"}`;
}
