import { describe, expect, it } from "vitest";
import { compareDisplayMask } from "./compare-display-mask";

const EXPECTED = "254708374149";

describe("compareDisplayMask", () => {
  it("finds the expected number in a mask of any width by what it shows at each end", () => {
    for (const masked of ["2547****149", "2547 ***** 149", "2547**149", "07****149", "****149", "25470****4149"]) expect(compareDisplayMask(EXPECTED, masked)).toBe("same");
  });

  it("finds another number different where a shown digit disagrees", () => {
    for (const masked of ["2547****148", "2541****149", "0711****149", "2547****149999"]) expect(compareDisplayMask(EXPECTED, masked)).toBe("different");
  });

  it("cannot tell when no subscriber digit is shown or it is no such mask", () => {
    for (const masked of ["2547****", "254****", "***", "2547*1*149", "254708374149", "unknown"]) expect(compareDisplayMask(EXPECTED, masked)).toBe("unverifiable");
  });
});
