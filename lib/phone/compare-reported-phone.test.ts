import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compareReportedPhone } from "./compare-reported-phone";

const EXPECTED = "254708374149";

describe("compareReportedPhone", () => {
  it("matches the same number in any plain form M-Pesa or a person writes it", () => {
    for (const reported of ["254708374149", "0708374149", "708374149", "+254 708 374 149"]) expect(compareReportedPhone(EXPECTED, reported)).toEqual({ kind: "same" });
  });

  it("finds another number different, Kenyan or not", () => {
    for (const reported of ["254708374148", "254112345678", "0711000000", "14155550100", "1"]) expect(compareReportedPhone(EXPECTED, reported)).toEqual({ kind: "different" });
  });

  it("compares a masked number digit by digit where the digits are shown", () => {
    expect(compareReportedPhone(EXPECTED, "2547 ***** 149")).toEqual({ kind: "consistent", form: "masked" });
    expect(compareReportedPhone(EXPECTED, "0708***149")).toEqual({ kind: "consistent", form: "masked" });
    expect(compareReportedPhone(EXPECTED, "2547XXXXX149")).toEqual({ kind: "consistent", form: "masked" });
    expect(compareReportedPhone(EXPECTED, "2547 ***** 126")).toEqual({ kind: "different" });
    expect(compareReportedPhone(EXPECTED, "2541*****149")).toEqual({ kind: "different" });
  });

  it("cannot tell when every telling digit is hidden or the form is unreadable", () => {
    for (const reported of [undefined, "", "254*********", "2547********", "***", "2547**149", "2547*****1A9", "unknown"]) {
      expect(compareReportedPhone(EXPECTED, reported)).toEqual({ kind: "unverifiable" });
    }
  });

  it("checks a SHA-256 hashed number against the hash of the expected one", () => {
    const hash = createHash("sha256").update(EXPECTED).digest("hex");
    expect(compareReportedPhone(EXPECTED, hash)).toEqual({ kind: "consistent", form: "hashed" });
    expect(compareReportedPhone(EXPECTED, hash.toUpperCase())).toEqual({ kind: "consistent", form: "hashed" });
    expect(compareReportedPhone(EXPECTED, createHash("sha256").update("254708374148").digest("hex"))).toEqual({ kind: "different" });
  });
});
