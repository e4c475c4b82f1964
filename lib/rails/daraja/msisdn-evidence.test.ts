import { describe, expect, it } from "vitest";
import { msisdnMatches, readMsisdn, sha256Hex } from "./msisdn-evidence";

const PAYER = "254708374126";

describe("readMsisdn", () => {
  it("reads C2B v2's masked number", () => {
    expect(readMsisdn("2547 ***** 126")).toEqual({ kind: "masked", prefix: "2547", suffix: "126", display: "2547****126" });
  });

  it("reads C2B v1's SHA-256 digest", () => {
    const digest = "94c392c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88";
    expect(readMsisdn(digest)).toMatchObject({ kind: "hashed", sha256: digest });
  });

  it("reads Pull Transactions' number without its 254 as a full number", () => {
    expect(readMsisdn(722000000)).toMatchObject({ kind: "full", msisdn: "254722000000", display: "2547****000" });
    expect(readMsisdn(72200000)).toEqual({ kind: "partial", digits: "72200000", display: "****000" });
  });

  it.each([
    ["25472****108", "25472", "108"],
    ["070****444", "25470", "444"],
    ["010****222", "25410", "222"],
    ["2547XXXXX063", "2547", "063"],
  ])("reads the statement's masked %j", (text, prefix, suffix) => {
    expect(readMsisdn(text)).toMatchObject({ kind: "masked", prefix, suffix });
  });

  it.each(["254708374126", "0708374126", "+254 708 374 126", 254708374126])("reads the full number %j", (value) => {
    expect(readMsisdn(value)).toMatchObject({ kind: "full", msisdn: PAYER });
  });

  it.each(["", "   ", null, undefined, "JANE DOE", "***", {}, -5])("gives null for %j", (value) => {
    expect(readMsisdn(value)).toBeNull();
  });
});

describe("msisdnMatches", () => {
  it("matches a masked number on its visible digits only", () => {
    const masked = readMsisdn("2547 ***** 126")!;
    expect(msisdnMatches(masked, PAYER)).toBe(true);
    expect(msisdnMatches(masked, "254708374127")).toBe(false);
  });

  it("matches a digest of the international or the local form", () => {
    expect(msisdnMatches(readMsisdn(sha256Hex(PAYER))!, PAYER)).toBe(true);
    expect(msisdnMatches(readMsisdn(sha256Hex("0708374126"))!, PAYER)).toBe(true);
    expect(msisdnMatches(readMsisdn(sha256Hex("254700000000"))!, PAYER)).toBe(false);
  });

  it("matches full and partial numbers", () => {
    expect(msisdnMatches(readMsisdn(708374126)!, PAYER)).toBe(true);
    expect(msisdnMatches(readMsisdn("8374126")!, PAYER)).toBe(true);
    expect(msisdnMatches(readMsisdn("0711000000")!, PAYER)).toBe(false);
  });
});
