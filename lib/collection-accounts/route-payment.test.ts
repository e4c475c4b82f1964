import { describe, expect, it } from "vitest";
import { routePayment, type RouteCandidate } from "@/lib/collection-accounts/route-payment";

const KENYA: RouteCandidate = { accountId: "acct_ke", rail: "daraja_stk", currency: "KES" };
const TANZANIA: RouteCandidate = { accountId: "acct_tz", rail: "vodacom_c2b", currency: "TZS", market: "TZN" };
const SANDBOX: RouteCandidate = { ...TANZANIA, accountId: "acct_tz_sandbox", sandbox: true };
const BOTH = [KENYA, TANZANIA];

const route = (phone: string, extra: { amount?: number; rail?: RouteCandidate["rail"]; currency?: string } = {}, candidates: RouteCandidate[] = BOTH) =>
  routePayment({ phone, amount: extra.amount ?? 100, rail: extra.rail, currency: extra.currency }, candidates);

describe("routePayment", () => {
  it.each([
    ["254712345678", "acct_ke", "254712345678", "KES"],
    ["+254 112 345 678", "acct_ke", "254112345678", "KES"],
    ["0112 345 678", "acct_ke", "254112345678", "KES"],
    ["255754123456", "acct_tz", "255754123456", "TZS"],
    ["+255 754 123 456", "acct_tz", "255754123456", "TZS"],
    ["00255754123456", "acct_tz", "255754123456", "TZS"],
    ["0654 123 456", "acct_tz", "255654123456", "TZS"],
  ])("sends %s to its country's rail", (phone, accountId, normalised, currency) => {
    expect(route(phone)).toEqual({ ok: true, accountId, phone: normalised, rail: accountId === "acct_ke" ? "daraja_stk" : "vodacom_c2b", currency });
  });

  it("reads a local number both countries could have as Kenyan when the storefront has M-Pesa Kenya, Tanzanian otherwise", () => {
    expect(route("0754 123 456")).toMatchObject({ ok: true, accountId: "acct_ke", phone: "254754123456" });
    expect(route("0754 123 456", {}, [TANZANIA])).toMatchObject({ ok: true, accountId: "acct_tz", phone: "255754123456" });
  });

  it("lets the rail or the currency decide for such a number", () => {
    expect(route("0754 123 456", { rail: "vodacom_c2b" })).toMatchObject({ ok: true, accountId: "acct_tz", phone: "255754123456" });
    expect(route("0754 123 456", { currency: "TZS" })).toMatchObject({ ok: true, accountId: "acct_tz", currency: "TZS" });
    expect(route("0754 123 456", { currency: "KES", rail: "daraja_stk" })).toMatchObject({ ok: true, accountId: "acct_ke" });
  });

  it("refuses a number whose country the storefront has no rail for, naming the missing rail", () => {
    const tz = route("255754123456", {}, [KENYA]);
    expect(tz).toMatchObject({ ok: false, param: "phone" });
    expect(tz.ok ? "" : tz.message).toMatch(/Tanzania.*no enabled Vodacom Tanzania/);
    const ke = route("254712345678", {}, [TANZANIA]);
    expect(ke.ok ? "" : ke.message).toMatch(/Kenya.*no enabled M-Pesa Kenya/);
  });

  it("refuses a number that fits no market with the rail's own words", () => {
    expect(route("0312345678", {}, [KENYA])).toEqual({ ok: false, param: "phone", message: expect.stringMatching(/^phone: Phone number is not a Kenyan mobile number/) });
    expect(route("12", {}, [TANZANIA])).toEqual({ ok: false, param: "phone", message: expect.stringMatching(/^phone: Tanzania phone number/) });
  });

  it("refuses an unknown currency, and one the chosen rail does not collect", () => {
    expect(route("255754123456", { currency: "XYZ" })).toMatchObject({ ok: false, param: "currency", message: expect.stringContaining("XYZ is not a currency") });
    expect(route("255754123456", { currency: "USD" })).toMatchObject({ ok: false, param: "currency", message: expect.stringContaining("collects no USD") });
    expect(route("255754123456", { currency: "KES", rail: "vodacom_c2b" })).toMatchObject({ ok: false, param: "currency", message: expect.stringContaining("it collects TZS") });
    // Kenyan currency, Tanzanian number: the KES rail cannot take it.
    expect(route("255754123456", { currency: "KES" })).toMatchObject({ ok: false, param: "phone" });
  });

  it("says so when the account the request named cannot take the number", () => {
    const named = routePayment({ phone: "254712345678", amount: 100, named: true }, [TANZANIA]);
    expect(named).toMatchObject({ ok: false, param: "phone", message: expect.stringContaining("the collection account named does not take") });
  });

  it("refuses a rail the storefront has no account of", () => {
    expect(route("255754123456", { rail: "vodacom_c2b" }, [KENYA])).toMatchObject({ ok: false, param: "rail", message: expect.stringContaining("no enabled Vodacom") });
  });

  it("keeps each rail's amount rules", () => {
    expect(route("254712345678", { amount: 250_001 })).toMatchObject({ ok: false, param: "amount", message: expect.stringContaining("KES 250,000") });
    // TZS amounts are whole shillings too, and larger: Vodacom's own limit is the account's.
    expect(route("255754123456", { amount: 1_000_000 })).toMatchObject({ ok: true, accountId: "acct_tz" });
    expect(route("255754123456", { amount: 1.5 })).toMatchObject({ ok: false, param: "amount" });
    const limited = [{ ...TANZANIA, maxAmount: 3_000_000 }];
    expect(route("255754123456", { amount: 3_000_001 }, limited)).toMatchObject({ ok: false, param: "amount", message: expect.stringContaining("TZS 3000000") });
    expect(route("255754123456", { amount: 3_000_000 }, limited)).toMatchObject({ ok: true });
  });

  it("takes the Vodacom sandbox's test numbers only on a sandbox account", () => {
    expect(route("000000000001", {}, [KENYA, SANDBOX])).toMatchObject({ ok: true, accountId: "acct_tz_sandbox", phone: "000000000001" });
    expect(route("000000000001", {}, BOTH)).toMatchObject({ ok: false, param: "phone" });
  });
});
