import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { SANDBOX_PASSKEY, SANDBOX_SHORTCODE } from "@/lib/env";
import { darajaTimestamp, parseDarajaTimestamp, stkPassword } from "./password";

const root = path.resolve(import.meta.dirname, "../../..");
// The password rule of FACTS.md §2, with the sandbox's published values: base64("174379" + sandbox passkey + "20250314153012").
const DOC_PASSWORD =
  "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjUwMzE0MTUzMDEy";

describe("darajaTimestamp", () => {
  it("formats the instant in East Africa Time (UTC+3)", () => {
    expect(darajaTimestamp(new Date("2025-03-14T12:30:12Z"))).toBe("20250314153012");
  });

  it("rolls over the date, month and year at EAT midnight, not UTC midnight", () => {
    expect(darajaTimestamp(new Date("2024-12-31T21:00:00Z"))).toBe("20250101000000");
    expect(darajaTimestamp(new Date("2024-12-31T20:59:59Z"))).toBe("20241231235959");
    expect(darajaTimestamp(new Date("2024-02-29T22:05:09Z"))).toBe("20240301010509");
  });

  it("is 14 digits", () => {
    expect(darajaTimestamp()).toMatch(/^\d{14}$/);
  });

  // A child process starts with TZ set, as a server abroad would; the EAT string must not change.
  it.each(["UTC", "America/New_York", "Asia/Tokyo"])("gives EAT under TZ=%s", async (tz) => {
    const script = [
      `import { darajaTimestamp, stkPassword } from "./lib/rails/daraja/password.ts";`,
      `const at = new Date("2025-03-14T12:30:12Z");`,
      `const ts = darajaTimestamp(at);`,
      `console.log(JSON.stringify({ ts, offset: at.getTimezoneOffset(), password: stkPassword("174379", process.argv[1], ts) }));`,
    ].join("\n");
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, SANDBOX_PASSKEY], {
      cwd: root,
      env: { ...process.env, TZ: tz },
    });
    const out = JSON.parse(stdout) as { ts: string; offset: number; password: string };
    // Proves the child really ran in that zone (New York is UTC-4 on 14 March 2025, Tokyo UTC+9).
    expect(out.offset).toBe({ UTC: 0, "America/New_York": 240, "Asia/Tokyo": -540 }[tz]);
    expect(out.ts).toBe("20250314153012");
    expect(out.password).toBe(DOC_PASSWORD);
  }, 30_000);
});

describe("stkPassword", () => {
  it("is base64(shortcode + passkey + timestamp), matching Safaricom's sample", () => {
    expect(stkPassword(SANDBOX_SHORTCODE, SANDBOX_PASSKEY, "20250314153012")).toBe(DOC_PASSWORD);
  });

  it("changes with the timestamp", () => {
    const a = stkPassword("174379", "key", "20250314153012");
    const b = stkPassword("174379", "key", "20250314153013");
    expect(a).not.toBe(b);
    expect(Buffer.from(b, "base64").toString()).toBe("174379key20250314153013");
  });
});

describe("parseDarajaTimestamp", () => {
  it("reads an EAT timestamp as the right instant", () => {
    expect(parseDarajaTimestamp("20191219102115")?.toISOString()).toBe("2019-12-19T07:21:15.000Z");
    expect(parseDarajaTimestamp("20250101000000")?.toISOString()).toBe("2024-12-31T21:00:00.000Z");
  });

  it("round-trips with darajaTimestamp", () => {
    const at = new Date("2026-07-09T23:59:58Z");
    expect(parseDarajaTimestamp(darajaTimestamp(at))?.getTime()).toBe(at.getTime());
  });

  it.each(["20250231120000", "20251301120000", "20250314240000", "20250314126000", "20250314120060", "2025031412000", "2025-03-14", "", "abcdefghijklmn", "00500101000000"])(
    "rejects %j",
    (value) => {
      expect(parseDarajaTimestamp(value)).toBeNull();
    },
  );
});
