import { describe, expect, it } from "vitest";
import { formatMinor, majorToMinor, minorToWholeMajor, parseAmountMinor } from "./money";

describe("parseAmountMinor", () => {
  it.each([
    ["1.00", 100], ["168.00", 16800], ["5", 500], ["-4000.00", -400000], ["1,100.00", 110000], ["1,234,567.89", 123456789],
    ["0.00", 0], ["-0.00", 0], ["22.4", 2240], [" 300 ", 30000], ["7722179.62", 772217962],
  ])("reads the string %j", (text, minor) => {
    expect(parseAmountMinor(text)).toBe(minor);
  });

  it.each([
    [1.0, 100], [10, 1000], [8959269.6, 895926960], [-1980.0, -198000], [0.1 + 0.2, 30], [1199371.0, 119937100],
  ])("reads the JSON number %j exactly", (value, minor) => {
    expect(parseAmountMinor(value)).toBe(minor);
  });

  it.each(["", "abc", "1.234", "1,00.00", "12,3456.00", "1e3", "=1+1", "KES 10", "١٠", null, undefined, {}, [], true, Number.NaN, Infinity, 1.005, "99999999999999999"])(
    "refuses %j",
    (value) => {
      expect(parseAmountMinor(value)).toBeNull();
    },
  );
});

describe("minor units", () => {
  it("converts whole shillings both ways and refuses cents where a whole amount is needed", () => {
    expect(majorToMinor(250)).toBe(25000);
    expect(minorToWholeMajor(25000)).toBe(250);
    expect(minorToWholeMajor(2240)).toBeNull();
  });

  it.each([[150000, "1500.00"], [-400000, "-4000.00"], [5, "0.05"], [0, "0.00"], [2240, "22.40"]])("formats %d as %s", (minor, text) => {
    expect(formatMinor(minor)).toBe(text);
    expect(parseAmountMinor(text)).toBe(minor);
  });
});
