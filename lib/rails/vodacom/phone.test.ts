import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VODACOM_MARKETS } from "./markets";
import { normalizeMarketPhone, normalizeTanzanianPhone } from "./phone";

const digit = fc.constantFrom(..."0123456789");
const subscriber = fc.tuple(fc.constantFrom("6", "7"), fc.array(digit, { minLength: 8, maxLength: 8 })).map(([p, rest]) => p + rest.join(""));
const separator = fc.constantFrom("", " ", "-", ".", " - ");

/** Writes a subscriber number the ways people do, with separators between random groups. */
function written(sub: string, form: "trunk" | "bare" | "plus" | "country" | "double-zero", seps: string[]): string {
  const prefix = { trunk: "0", bare: "", plus: "+255", country: "255", "double-zero": "00255" }[form];
  const groups = [sub.slice(0, 3), sub.slice(3, 6), sub.slice(6)];
  return prefix + (seps[0] ?? "") + groups.map((g, i) => g + (i < 2 ? (seps[i + 1] ?? "") : "")).join("");
}

describe("normalizeTanzanianPhone", () => {
  it("turns every common way of writing a mobile number into 255XXXXXXXXX", () => {
    fc.assert(fc.property(subscriber, fc.constantFrom("trunk", "bare", "plus", "country", "double-zero" as const), fc.array(separator, { minLength: 3, maxLength: 3 }),
      (sub, form, seps) => {
        expect(normalizeTanzanianPhone(written(sub, form, seps))).toEqual({ ok: true, msisdn: `255${sub}` });
      }));
  });

  it("is idempotent: a normalised number normalises to itself", () => {
    fc.assert(fc.property(subscriber, (sub) => {
      const once = normalizeTanzanianPhone(`0${sub}`);
      expect(once.ok && normalizeTanzanianPhone(once.msisdn)).toEqual(once);
    }));
  });

  it("never throws, and answers either a valid MSISDN or a message that names the country", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[+0-9 ()-]{0,20}$/)), (input) => {
      const result = normalizeTanzanianPhone(input);
      if (result.ok) expect(result.msisdn).toMatch(/^255[67]\d{8}$/);
      else expect(result.message).toMatch(/^Tanzania phone number /);
    }));
  });

  it("says how many digits are missing or too many", () => {
    fc.assert(fc.property(subscriber, fc.integer({ min: 1, max: 4 }), (sub, cut) => {
      expect(normalizeTanzanianPhone(`0${sub.slice(0, 9 - cut)}`)).toEqual({ ok: false, message: expect.stringContaining(`too short (${cut} digit`) });
      expect(normalizeTanzanianPhone(`0${sub}${"5".repeat(cut)}`)).toEqual({ ok: false, message: expect.stringContaining(`too long (${cut} digit`) });
    }));
  });

  it.each([
    ["", "is empty"],
    ["   ", "is empty"],
    ["0754 ABC 456", "must not contain letters"],
    ["0754*123*456", "may only contain digits"],
    ["0754+123456", "may only have a + at the start"],
    ["+254 712 345 678", "must be a Tanzania number (+255…)"],
    ["+255 0754 123 456", "must not have a 0 after the country code 255"],
    ["0254 123 456", "is not a Tanzania mobile number"],
    ["0", "is too short"],
  ])("refuses %j: %s", (input, message) => {
    expect(normalizeTanzanianPhone(input)).toEqual({ ok: false, message: expect.stringContaining(message) });
  });

  it("refuses what is not text", () => {
    for (const input of [null, undefined, 255754123456, {}]) expect(normalizeTanzanianPhone(input)).toEqual({ ok: false, message: "Tanzania phone number must be text" });
  });
});

describe("normalizeMarketPhone", () => {
  it("uses each market's calling code and number length", () => {
    expect(normalizeMarketPhone("050 123 4567", VODACOM_MARKETS.GHA)).toEqual({ ok: true, msisdn: "233501234567" });
    expect(normalizeMarketPhone("+266 5012 3456", VODACOM_MARKETS.LES)).toEqual({ ok: true, msisdn: "26650123456" });
    expect(normalizeMarketPhone("081 234 5678", VODACOM_MARKETS.DRC)).toEqual({ ok: true, msisdn: "243812345678" });
    expect(normalizeMarketPhone("84 123 4567", VODACOM_MARKETS.MOZ)).toEqual({ ok: true, msisdn: "258841234567" });
    expect(normalizeMarketPhone("0754 123 456", VODACOM_MARKETS.MOZ)).toEqual({ ok: false, message: expect.stringContaining("Mozambique") });
  });
});
