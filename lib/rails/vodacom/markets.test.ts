import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatVodacomAmount, isVodacomMarketCode, parseVodacomAmount, VODACOM_MARKETS, vodacomApiUrl } from "./markets";

describe("markets", () => {
  it("build Vodacom's URLs, trailing slash included", () => {
    expect(vodacomApiUrl("https://openapi.m-pesa.com", "sandbox", VODACOM_MARKETS.TZN, "getSession")).toBe("https://openapi.m-pesa.com/sandbox/ipg/v2/vodacomTZN/getSession/");
    expect(vodacomApiUrl("http://127.0.0.1:4020/", "openapi", VODACOM_MARKETS.GHA, "c2bPayment/singleStage")).toBe("http://127.0.0.1:4020/openapi/ipg/v2/vodafoneGHA/c2bPayment/singleStage/");
  });

  it("write whole shillings for TZS and two decimals where the currency has them", () => {
    expect(formatVodacomAmount(1500, VODACOM_MARKETS.TZN)).toBe("1500");
    expect(formatVodacomAmount(1500, VODACOM_MARKETS.GHA)).toBe("15.00");
    expect(formatVodacomAmount(5, VODACOM_MARKETS.DRC)).toBe("0.05");
  });

  it("read back what they write, for every market", () => {
    fc.assert(fc.property(fc.constantFrom(...Object.values(VODACOM_MARKETS)), fc.integer({ min: 0, max: 10 ** 12 }), (market, minor) => {
      const text = formatVodacomAmount(minor, market);
      expect(text).toMatch(/^\d*\.?\d+$/);
      expect(parseVodacomAmount(text, market)).toBe(minor);
    }));
  });

  it("refuse amounts the currency cannot hold", () => {
    expect(parseVodacomAmount("10.5", VODACOM_MARKETS.TZN)).toBeNull();
    expect(parseVodacomAmount("10.00", VODACOM_MARKETS.TZN)).toBe(10);
    expect(parseVodacomAmount(".5", VODACOM_MARKETS.GHA)).toBe(50);
    expect(parseVodacomAmount("1.234", VODACOM_MARKETS.GHA)).toBeNull();
    for (const bad of ["", ".", "-1", "1e3", "1,000", " ", null, {}]) expect(parseVodacomAmount(bad, VODACOM_MARKETS.TZN)).toBeNull();
  });

  it("know their codes", () => {
    expect(isVodacomMarketCode("TZN")).toBe(true);
    expect(isVodacomMarketCode("KEN")).toBe(false);
    expect(isVodacomMarketCode("toString")).toBe(false);
  });
});
