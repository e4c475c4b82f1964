import { describe, expect, it } from "vitest";
import { parseInlineMarkdown } from "@/lib/api-reference/parse-inline-markdown";

describe("parseInlineMarkdown", () => {
  it("splits paragraphs, joins wrapped lines, and keeps code, bold and italics apart from text", () => {
    expect(parseInlineMarkdown("**Errors.** Answer `{\"error\": *x*}`\nfor *people*.\n\nNext <b>one</b>")).toEqual([
      [{ kind: "strong", text: "Errors." }, { kind: "text", text: " Answer " }, { kind: "code", text: "{\"error\": *x*}" }, { kind: "text", text: " for " }, { kind: "em", text: "people" }, { kind: "text", text: "." }],
      [{ kind: "text", text: "Next <b>one</b>" }],
    ]);
  });
});
