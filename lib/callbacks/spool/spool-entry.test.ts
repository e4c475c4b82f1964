import { describe, expect, it } from "vitest";
import { parseSpoolEntry, serializeSpoolEntry } from "@/lib/callbacks/spool/spool-entry";

const entry = { spoolId: "00000000-0000-4000-8000-000000000001", receivedAt: new Date(Date.UTC(2026, 11, 1, 8)), token: "t", body: "{}", headers: {}, sourceIp: "127.0.0.1", ipAllowed: true, tokenValid: true };

describe("spool entries", () => {
  it("keep the kind of notification they hold", () => {
    const text = serializeSpoolEntry({ ...entry, kind: "C2B_CONFIRMATION" });
    expect(parseSpoolEntry(text)).toEqual({ ok: true, callback: { ...entry, kind: "C2B_CONFIRMATION" } });
  });

  it("read entries written before C2B shared the spool as STK callbacks", () => {
    const older = JSON.stringify({ v: 1, ...entry, receivedAt: entry.receivedAt.toISOString() });
    expect(parseSpoolEntry(older)).toEqual({ ok: true, callback: { ...entry, kind: "STK" } });
    expect(parseSpoolEntry(JSON.stringify({ v: 1, ...entry, receivedAt: entry.receivedAt.toISOString(), kind: "B2C" }))).toMatchObject({ ok: false });
  });
});
