import { describe, expect, it } from "vitest";
import { canonicalViewQuery, savedViewHref } from "@/lib/saved-views/saved-view-query";

// Wednesday 2 December 2026, 10:00 EAT; the Monday of that week is 30 November.
const wednesday = new Date("2026-12-02T07:00:00.000Z");
const nextTuesday = new Date("2026-12-08T07:00:00.000Z");

describe("canonicalViewQuery", () => {
  it("keeps filters, order and page size in one canonical text, never the page", () => {
    const a = canonicalViewQuery("?page=4&status=REVIEW,FAILED&sort=amount&pageSize=50&junk=1", { relativeDates: true, now: wednesday });
    const b = canonicalViewQuery("status=FAILED&status=REVIEW&pageSize=50&sort=amount", { relativeDates: true, now: wednesday });
    expect(a).toEqual({ query: "status=FAILED%2CREVIEW&sort=amount&pageSize=50", datePreset: null });
    expect(b).toEqual(a);
  });

  it("keeps a preset's range as the preset when the dates are to be relative", () => {
    expect(canonicalViewQuery("status=FAILED&from=2026-11-30&to=2026-12-02", { relativeDates: true, now: wednesday }))
      .toEqual({ query: "status=FAILED", datePreset: "this_week" });
    // The same range kept as fixed dates when asked.
    expect(canonicalViewQuery("status=FAILED&from=2026-11-30&to=2026-12-02", { relativeDates: false, now: wednesday }))
      .toEqual({ query: "status=FAILED&from=2026-11-30&to=2026-12-02", datePreset: null });
    // A range that is no preset stays dates either way.
    expect(canonicalViewQuery("from=2026-11-01&to=2026-11-15", { relativeDates: true, now: wednesday }))
      .toEqual({ query: "from=2026-11-01&to=2026-11-15", datePreset: null });
  });

  it("drops what the table would not accept", () => {
    expect(canonicalViewQuery("status=NOPE&from=2026-02-30&min=-1&storefront='x", { relativeDates: true, now: wednesday })).toEqual({ query: "", datePreset: null });
  });
});

describe("savedViewHref", () => {
  it("opens a relative view on the dates of the day it is opened", () => {
    const view = { query: "status=FAILED", datePreset: "this_week" };
    expect(savedViewHref(view, wednesday)).toBe("/payments?status=FAILED&from=2026-11-30&to=2026-12-02");
    expect(savedViewHref(view, nextTuesday)).toBe("/payments?status=FAILED&from=2026-12-07&to=2026-12-08");
    expect(savedViewHref({ query: "", datePreset: "yesterday" }, nextTuesday)).toBe("/payments?from=2026-12-07&to=2026-12-07");
  });

  it("opens a fixed view as saved, and ignores a preset name it does not know", () => {
    expect(savedViewHref({ query: "from=2026-11-01&to=2026-11-15&sort=amount", datePreset: null }, nextTuesday)).toBe("/payments?from=2026-11-01&to=2026-11-15&sort=amount");
    expect(savedViewHref({ query: "q=INV", datePreset: "last_decade" }, nextTuesday)).toBe("/payments?q=INV");
  });
});
