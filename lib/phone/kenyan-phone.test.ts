import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeKenyanPhone, phoneSearchDigits } from "./kenyan-phone";

// A 9-digit subscriber number: a Safaricom-style mobile prefix (7 or 1) and 8 more digits.
const subscriber = fc
  .tuple(fc.constantFrom("7", "1"), fc.stringMatching(/^\d{8}$/))
  .map(([prefix, rest]) => prefix + rest);

const separator = fc.constantFrom("", " ", "-", ".", "  ");

/** Writes a subscriber number in one of the accepted formats, with separators between groups. */
function format(sub: string, style: number, sep: string): string {
  const groups = [sub.slice(0, 3), sub.slice(3, 6), sub.slice(6)].join(sep);
  switch (style) {
    case 0: return `0${groups}`;
    case 1: return groups;
    case 2: return `+254${sep}${groups}`;
    case 3: return `254${sep}${groups}`;
    case 4: return `(0${sub.slice(0, 3)})${sep}${sub.slice(3, 6)}${sep}${sub.slice(6)}`;
    default: return `(+254) ${groups}`;
  }
}

describe("normalizeKenyanPhone", () => {
  it.each([
    ["0712345678", "254712345678"],
    ["0112345678", "254112345678"],
    ["712345678", "254712345678"],
    ["112345678", "254112345678"],
    ["+254712345678", "254712345678"],
    ["254712345678", "254712345678"],
    ["254112345678", "254112345678"],
    ["+254112345678", "254112345678"],
    ["0712 345 678", "254712345678"],
    ["0712-345-678", "254712345678"],
    ["0712.345.678", "254712345678"],
    ["(0712) 345678", "254712345678"],
    ["+254 (712) 345-678", "254712345678"],
    ["  0708374149  ", "254708374149"],
  ])("accepts %j as %s", (input, expected) => {
    expect(normalizeKenyanPhone(input)).toEqual({ ok: true, phone: expected });
  });

  it.each([
    ["", "is empty"],
    ["   ", "is empty"],
    ["+", "is too short"],
    ["07123", "is too short (5 digits missing)"],
    ["071234567", "is too short (1 digit missing)"],
    ["07123456789", "is too long (1 digit too many)"],
    ["2547123456789", "is too long (1 digit too many)"],
    ["254", "is too short"],
    ["0812345678", "is not a Kenyan mobile number"],
    ["255712345678", "is not a Kenyan mobile number"],
    ["+1 202 555 0143", "must be a Kenyan number"],
    ["+2540712345678", "must not have a 0 after the country code"],
    ["0712abc678", "must not contain letters"],
    ["O712345678", "must not contain letters"],
    ["0712/345/678", "may only contain digits"],
    ["0712+345678", "may only have a + at the start"],
  ])("rejects %j saying it %s", (input, problem) => {
    const result = normalizeKenyanPhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(problem);
  });

  it("normalises every valid subscriber number to the same 12 digits in every accepted format", () => {
    fc.assert(
      fc.property(subscriber, fc.integer({ min: 0, max: 5 }), separator, (sub, style, sep) => {
        expect(normalizeKenyanPhone(format(sub, style, sep))).toEqual({ ok: true, phone: `254${sub}` });
      }),
      { numRuns: 500 },
    );
  });

  it("is idempotent: a normalised number normalises to itself", () => {
    fc.assert(
      fc.property(subscriber, (sub) => {
        const once = normalizeKenyanPhone(`0${sub}`);
        expect(once.ok && normalizeKenyanPhone(once.phone)).toEqual(once);
      }),
    );
  });

  it("never throws on garbage, and only ever yields a valid 12-digit number", () => {
    const garbage = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.stringMatching(/^[+\d\s().-]{0,20}$/));
    fc.assert(
      fc.property(garbage, (input) => {
        const result = normalizeKenyanPhone(input);
        if (result.ok) expect(result.phone).toMatch(/^254[17]\d{8}$/);
        else expect(result.message).toMatch(/^Phone number /);
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects numbers with one digit too few or too many in every format", () => {
    fc.assert(
      fc.property(subscriber, fc.integer({ min: 0, max: 3 }), fc.boolean(), (sub, style, longer) => {
        const wrong = longer ? `${sub}5` : sub.slice(0, 8);
        const result = normalizeKenyanPhone(format(wrong, style, ""));
        expect(result.ok).toBe(false);
      }),
    );
  });

  it("rejects non-string input without throwing", () => {
    expect(normalizeKenyanPhone(712345678 as unknown as string)).toEqual({ ok: false, message: "Phone number must be text" });
  });
});

describe("phoneSearchDigits", () => {
  it.each([
    ["0712 345", "712345"],
    ["+254712", "712"],
    ["254712345678", "712345678"],
    ["0112-34", "11234"],
    ["345 678", "345678"],
    ["254", "254"],
    ["045", "045"],
    ["abc", ""],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(phoneSearchDigits(input)).toBe(expected);
  });

  it("yields a suffix of the normalised number for any complete number", () => {
    fc.assert(
      fc.property(subscriber, fc.integer({ min: 0, max: 5 }), separator, (sub, style, sep) => {
        const input = format(sub, style, sep);
        const normalised = normalizeKenyanPhone(input);
        expect(normalised.ok && normalised.phone.endsWith(phoneSearchDigits(input))).toBe(true);
      }),
    );
  });
});
