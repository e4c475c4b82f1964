import { describe, expect, it } from "vitest";
import { findControlCharacter, hasFieldControlCharacter, hasUrlControlCharacter } from "@/lib/net/control-characters";

describe("control characters", () => {
  it("refuses NUL, other C0 controls and DEL in fields, but lets free text keep tabs and line breaks", () => {
    for (const bad of ["a\u0000b", "\u0001", "x\u001Fy", "\u007F", "\u000B", "\u000C"]) expect(hasFieldControlCharacter(bad)).toBe(true);
    for (const good of ["plain", "two\nlines\r\n", "a\tb", "Mteja — KES 1,000", "\u00A0\uFFFD"]) expect(hasFieldControlCharacter(good)).toBe(false);
  });

  it("refuses every C0 control and DEL in a decoded URL part, line breaks included", () => {
    for (const bad of ["\u0000", "a\nb", "\t", "\u007F"]) expect(hasUrlControlCharacter(bad)).toBe(true);
    expect(hasUrlControlCharacter("pay_123 ñ '")).toBe(false);
  });

  it("names the first offending field of a nested value, keys included", () => {
    expect(findControlCharacter({ amount: 1, reference: "ok", metadata: { note: "a\u0000" } })).toBe("metadata.note");
    expect(findControlCharacter({ metadata: { "bad\u0000key": "v" } })).toBe("metadata.bad\\u0000key");
    expect(findControlCharacter({ items: ["fine", "x\u0007"] })).toBe("items.1");
    expect(findControlCharacter("\u0000")).toBe("body");
    expect(findControlCharacter({ amount: 1, ok: true, none: null, text: "line\nbreak" })).toBeNull();
  });
});
