import { describe, expect, it } from "vitest";
import { describeAnyResultCode } from "@/lib/rails/describe-any-result-code";
import { describeResultCode } from "@/lib/rails/daraja/result-codes";
import { describeVodacomCode } from "@/lib/rails/vodacom/rail-answers";

describe("describeAnyResultCode", () => {
  it("reads INS- codes with Vodacom's table and the others with Daraja's", () => {
    expect(describeAnyResultCode("INS-2006")).toBe(describeVodacomCode("INS-2006"));
    expect(describeAnyResultCode("INS-2006")).not.toMatch(/Unrecognised/);
    expect(describeAnyResultCode("1032")).toBe(describeResultCode("1032"));
    expect(describeAnyResultCode("1032")).not.toMatch(/Unrecognised/);
    expect(describeAnyResultCode("INS-99999")).toBe("Unrecognised code INS-99999");
  });
});
