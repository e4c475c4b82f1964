import { describe, expect, it } from "vitest";
import { eatDate, formatEatDateTime, formatStatementDateTime, parseEatDateTime } from "./eat-time";

describe("parseEatDateTime", () => {
  it.each([
    ["01-10-2026 23:59:02", "2026-10-01T20:59:02.000Z"],
    ["01/10/2026 23:59:02", "2026-10-01T20:59:02.000Z"],
    ["06.07.2024 22:48:52", "2024-07-06T19:48:52.000Z"],
    ["2026-10-01 10:00:00", "2026-10-01T07:00:00.000Z"],
    ["2019-07-31 19:00", "2019-07-31T16:00:00.000Z"],
    ["20231121121325", "2023-11-21T09:13:25.000Z"],
    ["01-01-2026 01:30:00", "2025-12-31T22:30:00.000Z"],
  ])("reads %j as East Africa Time", (text, iso) => {
    expect(parseEatDateTime(text)?.toISOString()).toBe(iso);
  });

  it("reads a yyyyMMddHHmmss JSON number", () => {
    expect(parseEatDateTime(20240206143645)?.toISOString()).toBe("2024-02-06T11:36:45.000Z");
  });

  it.each(["31-02-2026 10:00:00", "01-13-2026 10:00:00", "01-10-2026 24:00:00", "01-10-2026 10:60:00", "2026/10/01 10:00", "10:00", "", "yesterday", null, 2026, 1.5])(
    "refuses %j",
    (value) => {
      expect(parseEatDateTime(value)).toBeNull();
    },
  );
});

describe("EAT formatting", () => {
  const at = new Date("2026-10-01T21:30:05Z");
  it("writes the Pull Transactions and statement forms on the Nairobi calendar", () => {
    expect(formatEatDateTime(at)).toBe("2026-10-02 00:30:05");
    expect(formatStatementDateTime(at)).toBe("02-10-2026 00:30:05");
    expect(eatDate(at)).toBe("2026-10-02");
    expect(parseEatDateTime(formatStatementDateTime(at))?.getTime()).toBe(at.getTime());
  });
});
