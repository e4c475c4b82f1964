import { describe, expect, it } from "vitest";
import { addEatDays, eatDateOf, eatDayStart, formatEat, formatUtc, isCalendarDate, toEatIso } from "@/lib/time/eat";
import { formatKes, formatMinor, formatMoney, formatRate } from "@/lib/dashboard/format-money";
import { formatPhone } from "@/lib/dashboard/format-phone";

describe("East Africa Time", () => {
  const instant = new Date("2026-11-29T22:30:05.120Z");
  it("shows an instant in EAT, UTC on the side", () => {
    expect(formatEat(instant)).toBe("2026-11-30 01:30:05");
    expect(formatUtc(instant)).toBe("2026-11-29 22:30:05 UTC");
    expect(toEatIso(instant)).toBe("2026-11-30T01:30:05.120+03:00");
  });
  it("agrees with the Africa/Nairobi zone database", () => {
    const text = instant.toLocaleString("sv-SE", { timeZone: "Africa/Nairobi" });
    expect(text).toBe("2026-11-30 01:30:05");
  });
  it("starts an EAT day at 21:00 UTC the day before", () => {
    expect(eatDayStart("2026-11-30").toISOString()).toBe("2026-11-29T21:00:00.000Z");
    expect(eatDateOf(instant)).toBe("2026-11-30");
    expect(addEatDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addEatDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  it("accepts only real calendar dates", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-1-01")).toBe(false);
  });
});

describe("money and phones", () => {
  it("formats whole shillings with grouping and no decimals", () => {
    expect(formatKes(1234567)).toBe("KES 1,234,567");
    expect(formatKes(0)).toBe("KES 0");
    expect(formatKes(999)).toBe("KES 999");
    // Ledger amounts carry cents: minor units, sign first.
    expect(formatMinor(123_456_705, "KES")).toBe("KES 1,234,567.05");
    expect(formatMinor(-5, "KES")).toBe("-KES 0.05");
    expect(formatMinor(0, "TZS")).toBe("TZS 0.00");
  });
  it("formats an amount in its own currency's unit: whole shillings for KES and TZS, hundredths elsewhere", () => {
    expect(formatMoney(1_500, "TZS")).toBe("TZS 1,500");
    expect(formatMoney(250_000, "KES")).toBe("KES 250,000");
    expect(formatMoney(1_505, "GHS")).toBe("GHS 15.05");
    expect(formatMoney(-7, "USD")).toBe("-USD 0.07");
  });
  it("formats a rate, or a dash when nothing finished", () => {
    expect(formatRate(1, 3)).toBe("33.3%");
    expect(formatRate(0, 0)).toBe("–");
  });
  it("groups a stored phone number for reading", () => {
    expect(formatPhone("254712345678")).toBe("+254 712 345 678");
    expect(formatPhone("123")).toBe("123");
  });
});
