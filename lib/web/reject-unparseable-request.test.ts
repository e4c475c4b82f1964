import { describe, expect, it } from "vitest";
import { strictDecode, unparseableRequestProblem } from "@/lib/web/reject-unparseable-request";

describe("unparseableRequestProblem", () => {
  it("lets ordinary targets through, escapes and odd but valid characters included", () => {
    for (const target of ["/", "/api/v1/payments?status=pending&limit=20", "/api/v1/payments/pay_123%27", "/payments?q=50%25+off", "/caf%C3%A9", "/api/v1/payments?created%5Bgte%5D=2026-12-01", "/a?flag&b="]) {
      expect(unparseableRequestProblem(target, "127.0.0.1:3000")).toBeNull();
    }
  });

  it("refuses malformed and non-UTF-8 percent-escapes in the path and the query", () => {
    expect(unparseableRequestProblem("/api/callbacks/stk/%E0%A4%A", "h")).toMatch(/path has a malformed percent-escape/);
    expect(unparseableRequestProblem("/api/%ZZ", "h")).toMatch(/malformed/);
    expect(unparseableRequestProblem("/api/%", "h")).toMatch(/malformed/);
    expect(unparseableRequestProblem("/api/%FF%FE", "h")).toMatch(/not UTF-8/);
    expect(unparseableRequestProblem("/api/v1/payments?reference=%E0%A4", "h")).toMatch(/query string has a malformed/);
  });

  it("refuses control characters once decoded, NUL first of all", () => {
    expect(unparseableRequestProblem("/api/v1/payments/%00%27", "h")).toMatch(/path contains a control character/);
    expect(unparseableRequestProblem("/a%0Ab", "h")).toMatch(/control character/);
    expect(unparseableRequestProblem("/a%7F", "h")).toMatch(/control character/);
    expect(unparseableRequestProblem("/api/v1/payments?reference=%00", "h")).toMatch(/query string contains a control character/);
    expect(unparseableRequestProblem("/x?%01=1", "h")).toMatch(/query string contains/);
  });

  it("refuses targets that are not paths, and Host headers that name no host", () => {
    expect(unparseableRequestProblem("*", "h")).toMatch(/must be a path/);
    expect(unparseableRequestProblem("http://evil.example/x", "h")).toMatch(/must be a path/);
    expect(unparseableRequestProblem(undefined, "h")).toMatch(/must be a path/);
    for (const host of ["", "a b", "a/b", "user@host", "[::1", "x:99999"]) expect(unparseableRequestProblem("/", host)).toMatch(/Host header/);
    expect(unparseableRequestProblem("/", "[::1]:3000")).toBeNull();
    expect(unparseableRequestProblem("/", undefined)).toBeNull();
  });

  it("strictDecode returns null instead of throwing", () => {
    expect(strictDecode("%E0%A4%A")).toBeNull();
    expect(strictDecode("a%20b")).toBe("a b");
  });
});
