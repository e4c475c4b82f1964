import { describe, expect, it } from "vitest";
import { prettyBody } from "@/lib/dashboard/pretty-body";

describe("prettyBody", () => {
  it("indents JSON", () => {
    expect(prettyBody('{"Body":{"stkCallback":{"ResultCode":0}}}')).toBe('{\n  "Body": {\n    "stkCallback": {\n      "ResultCode": 0\n    }\n  }\n}');
  });
  it("keeps anything else exactly, markup included", () => {
    expect(prettyBody("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
    expect(prettyBody("{broken")).toBe("{broken");
  });
});
