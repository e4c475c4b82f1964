import { describe, expect, it } from "vitest";
import { returnUrlProblem } from "@/lib/checkout/return-url";

describe("a return URL", () => {
  it("takes http(s) in test mode and https only in live mode", () => {
    expect(returnUrlProblem("http://localhost:3000/done", "TEST")).toBeNull();
    expect(returnUrlProblem("https://shop.example/done?x=1", "LIVE")).toBeNull();
    expect(returnUrlProblem("http://shop.example/done", "LIVE")).toMatch(/https/);
  });

  it("refuses other schemes, relative URLs, credentials, whitespace and very long URLs", () => {
    for (const url of ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "ftp://shop.example/", "/done", "//shop.example/done", "https://a:b@shop.example/", "https://shop.example/a b", "https://shop.example/\n"]) {
      expect(returnUrlProblem(url, "TEST"), url).not.toBeNull();
    }
    expect(returnUrlProblem(`https://shop.example/${"a".repeat(2000)}`, "TEST")).toMatch(/at most/);
  });
});
