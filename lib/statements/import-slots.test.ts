import { describe, expect, it } from "vitest";
import { ImportSlots, statementImportSlots } from "./import-slots";

describe("ImportSlots", () => {
  it("gives at most its capacity at once, and a slot back once released, even if released twice", () => {
    const slots = new ImportSlots(2);
    const a = slots.tryTake();
    const b = slots.tryTake();
    expect([a, b].every((r) => typeof r === "function")).toBe(true);
    expect(slots.tryTake()).toBeNull();
    a!();
    a!();
    expect(slots.inUse).toBe(1);
    const c = slots.tryTake();
    expect(c).not.toBeNull();
    expect(slots.tryTake()).toBeNull();
    b!();
    c!();
    expect(slots.inUse).toBe(0);
  });

  it("is one set of slots per process for a capacity", () => {
    expect(statementImportSlots(3)).toBe(statementImportSlots(3));
    expect(statementImportSlots(3)).not.toBe(statementImportSlots(4));
  });
});
