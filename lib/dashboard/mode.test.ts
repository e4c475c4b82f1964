import { describe, expect, it } from "vitest";
import { defaultDashboardMode, parseDashboardMode } from "@/lib/dashboard/mode";

describe("dashboard mode", () => {
  it("opens on test data in demo mode while no live key exists, live otherwise", () => {
    expect(defaultDashboardMode({ demo: true, activeLiveKeys: 0 })).toBe("test");
    expect(defaultDashboardMode({ demo: true, activeLiveKeys: 1 })).toBe("live");
    expect(defaultDashboardMode({ demo: false, activeLiveKeys: 0 })).toBe("live");
  });
  it("reads a chosen mode, live for anything else", () => {
    expect(parseDashboardMode("test")).toBe("test");
    expect(parseDashboardMode("TEST")).toBe("live");
    expect(parseDashboardMode(undefined)).toBe("live");
  });
});
