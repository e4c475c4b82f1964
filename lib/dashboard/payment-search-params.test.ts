import { describe, expect, it } from "vitest";
import { filterOf } from "@/lib/payments/payment-filter";
import { firstPageOf, hasActiveFilters, parsePaymentSearch, paymentSearchQuery, withFilters } from "@/lib/dashboard/payment-search-params";

describe("payment search params", () => {
  it("gives the defaults for an empty URL", () => {
    expect(parsePaymentSearch({})).toEqual({
      q: "", status: [], from: undefined, to: undefined, storefront: undefined, currency: undefined, min: undefined, max: undefined,
      flags: [], sort: "created_at", dir: "desc", page: 1, pageSize: 25,
    });
  });

  it("parses every field from a URL", () => {
    const s = parsePaymentSearch(new URLSearchParams("q=0712&status=FAILED,SUCCEEDED&from=2026-11-01&to=2026-11-30&storefront=sf_abc&currency=TZS&min=10&max=500&flags=late&sort=amount&dir=asc&page=3&pageSize=50"));
    expect(s).toMatchObject({ q: "0712", status: ["SUCCEEDED", "FAILED"], from: "2026-11-01", to: "2026-11-30", storefront: "sf_abc", currency: "TZS", min: 10, max: 500, flags: ["late"], sort: "amount", dir: "asc", page: 3, pageSize: 50 });
  });

  it("falls back per field on bad values instead of failing the whole state", () => {
    const s = parsePaymentSearch({ status: "NOPE,FAILED", from: "2026-02-30", min: "-5", max: "abc", sort: "phone", dir: "sideways", page: "0", pageSize: "1000", storefront: "'; drop", currency: "tz$", flags: "x" });
    expect(s).toMatchObject({ status: ["FAILED"], from: undefined, min: undefined, max: undefined, sort: "created_at", dir: "desc", page: 1, pageSize: 25, storefront: undefined, currency: undefined, flags: [] });
  });

  it("joins repeated list parameters (checkboxes of a plain form) and ignores blank inputs", () => {
    const s = parsePaymentSearch(new URLSearchParams("status=FAILED&status=REVIEW&min=&q=&from="));
    expect(s).toMatchObject({ status: ["FAILED", "REVIEW"], q: "" });
    expect([s.min, s.from]).toEqual([undefined, undefined]);
    expect(parsePaymentSearch({ page: ["2", "9"] }).page).toBe(1);
  });

  it("writes only non-default values and round-trips", () => {
    const state = parsePaymentSearch({ q: "INV", status: "FAILED", page: "2" });
    const qs = paymentSearchQuery(state);
    expect(qs).toBe("?q=INV&status=FAILED&page=2");
    expect(parsePaymentSearch(new URLSearchParams(qs.slice(1)))).toEqual(state);
    expect(paymentSearchQuery(parsePaymentSearch({}))).toBe("");
  });

  it("never reads a phone filter from a URL nor writes one into a link (the customer page sets it on the server)", () => {
    expect(parsePaymentSearch({ phone: "254712345678" })).not.toHaveProperty("phone");
    const customer = { ...parsePaymentSearch({ page: "2" }), phone: "254712345678" };
    expect(paymentSearchQuery(customer)).toBe("?page=2");
  });

  it("goes back to page 1 when filters change", () => {
    const state = parsePaymentSearch({ page: "4" });
    expect(withFilters(state, { status: ["REVIEW"] })).toMatchObject({ page: 1, status: ["REVIEW"] });
  });

  it("keeps a keyset cursor in the URL, refuses malformed ones, and drops it for page 1", () => {
    const state = parsePaymentSearch({ page: "7", after: "WyJhbW91bnQiLDEsInBheV94Il0" });
    const qs = paymentSearchQuery(state);
    expect(qs).toBe("?page=7&after=WyJhbW91bnQiLDEsInBheV94Il0");
    expect(parsePaymentSearch(new URLSearchParams(qs.slice(1)))).toEqual(state);
    expect(parsePaymentSearch({ after: "not a cursor!", before: "x".repeat(301) })).toMatchObject({ after: undefined, before: undefined });
    expect(paymentSearchQuery(firstPageOf({ ...state, before: "abc" }))).toBe("");
    expect(withFilters(state, { q: "INV" })).toMatchObject({ page: 1, after: undefined });
    expect(Object.keys(filterOf(state))).not.toContain("after");
  });

  it("knows when a filter is active and strips paging from the filter", () => {
    expect(hasActiveFilters(parsePaymentSearch({ page: "3", sort: "amount" }))).toBe(false);
    expect(hasActiveFilters(parsePaymentSearch({ min: "0" }))).toBe(true);
    expect(Object.keys(filterOf(parsePaymentSearch({})))).not.toContain("page");
  });
});
