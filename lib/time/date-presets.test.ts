import { describe, expect, it } from "vitest";
import { datePresetRange, presetOfRange } from "@/lib/time/date-presets";

// Wednesday 2 December 2026, 10:00 EAT.
const wednesday = new Date("2026-12-02T07:00:00.000Z");

describe("datePresetRange", () => {
  it("gives EAT calendar days for each preset", () => {
    expect(datePresetRange("today", wednesday)).toEqual({ from: "2026-12-02", to: "2026-12-02" });
    expect(datePresetRange("yesterday", wednesday)).toEqual({ from: "2026-12-01", to: "2026-12-01" });
    expect(datePresetRange("this_week", wednesday)).toEqual({ from: "2026-11-30", to: "2026-12-02" });
    expect(datePresetRange("this_month", wednesday)).toEqual({ from: "2026-12-01", to: "2026-12-02" });
  });

  it("uses the EAT day, not the UTC one, around midnight", () => {
    // 21:30 UTC on 1 December is 00:30 EAT on 2 December.
    const justAfterEatMidnight = new Date("2026-12-01T21:30:00.000Z");
    expect(datePresetRange("today", justAfterEatMidnight)).toEqual({ from: "2026-12-02", to: "2026-12-02" });
    expect(datePresetRange("yesterday", justAfterEatMidnight)).toEqual({ from: "2026-12-01", to: "2026-12-01" });
    // 20:59 UTC on 30 November is 23:59 EAT, still November.
    expect(datePresetRange("this_month", new Date("2026-11-30T20:59:00.000Z"))).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  });

  it("starts weeks on Monday, a Sunday belonging to the week before it", () => {
    expect(datePresetRange("this_week", new Date("2026-12-06T09:00:00.000Z"))).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(datePresetRange("this_week", new Date("2026-11-30T09:00:00.000Z"))).toEqual({ from: "2026-11-30", to: "2026-11-30" });
  });

  it("crosses month and year boundaries", () => {
    const newYear = new Date("2027-01-01T06:00:00.000Z");
    expect(datePresetRange("yesterday", newYear)).toEqual({ from: "2026-12-31", to: "2026-12-31" });
    // 1 January 2027 is a Friday: its week began on Monday 28 December.
    expect(datePresetRange("this_week", newYear)).toEqual({ from: "2026-12-28", to: "2027-01-01" });
    expect(datePresetRange("this_month", newYear)).toEqual({ from: "2027-01-01", to: "2027-01-01" });
    // 1 March after a 28-day February.
    expect(datePresetRange("yesterday", new Date("2027-03-01T06:00:00.000Z"))).toEqual({ from: "2027-02-28", to: "2027-02-28" });
  });
});

describe("presetOfRange", () => {
  it("names the preset a range equals at that moment, and nothing for other ranges", () => {
    expect(presetOfRange({ from: "2026-11-30", to: "2026-12-02" }, wednesday)).toBe("this_week");
    expect(presetOfRange({ from: "2026-12-01", to: "2026-12-01" }, wednesday)).toBe("yesterday");
    expect(presetOfRange({ from: "2026-12-01", to: "2026-12-02" }, wednesday)).toBe("this_month");
    expect(presetOfRange({ from: "2026-11-29", to: "2026-12-02" }, wednesday)).toBeNull();
    expect(presetOfRange({ from: "2026-12-02" }, wednesday)).toBeNull();
    // The same range is no preset a day later.
    expect(presetOfRange({ from: "2026-12-02", to: "2026-12-02" }, new Date("2026-12-03T07:00:00.000Z"))).toBe("yesterday");
  });

  it("prefers the narrowest name when presets coincide", () => {
    const monday = new Date("2026-11-30T07:00:00.000Z");
    expect(presetOfRange({ from: "2026-11-30", to: "2026-11-30" }, monday)).toBe("today");
  });
});
