import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { maskPhone, maskPhonesInText } from "@/lib/logger";

describe("maskPhone", () => {
  it("keeps only the prefix and last three digits", () => {
    expect(maskPhone("254708374149")).toBe("2547****149");
    expect(maskPhone(254712345678)).toBe("2547****678");
  });
  it("hides short or empty values entirely", () => {
    expect(maskPhone("12")).toBe("***");
    expect(maskPhone(undefined)).toBe("***");
  });
});

describe("maskPhonesInText", () => {
  it("masks every Kenyan number in a raw body, quoted or not, and leaves other digits alone", () => {
    const body = '{"Item":[{"Name":"PhoneNumber","Value":254708374149},{"Name":"Amount","Value":2547},{"Name":"Other","Value":"254112345678"},{"Name":"TransactionDate","Value":20261129101500}]}';
    const masked = maskPhonesInText(body);
    expect(masked).toBe('{"Item":[{"Name":"PhoneNumber","Value":2547****149},{"Name":"Amount","Value":2547},{"Name":"Other","Value":"2541****678"},{"Name":"TransactionDate","Value":20261129101500}]}');
  });
});

describe("the root logger", () => {
  it("redacts secrets and masks phone numbers, nested too", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    // Re-create the logger against a sink with the same options by importing the module fresh.
    const { createLoggerForStream } = await import("@/lib/logger");
    const log = createLoggerForStream(sink);
    log.info({ password: "hunter2", phone: "254708374149", nested: { token: "abc", PhoneNumber: 254708374149 }, err: new Error("boom") }, "hello");
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry.password).toBe("[redacted]");
    expect(entry.phone).toBe("2547****149");
    expect(entry.nested.token).toBe("[redacted]");
    expect(entry.nested.PhoneNumber).toBe("2547****149");
    expect(JSON.stringify(entry)).not.toContain("hunter2");
    expect(JSON.stringify(entry)).not.toContain("708374149");
    expect(pino.levels.values.info).toBe(30);
    log.error({ err: { message: "connect ECONNREFUSED 127.0.0.1:5432", code: "ECONNREFUSED", queue: "callbacks.process", stack: "…" } }, "pg-boss error");
    expect(JSON.parse(lines[1] ?? "{}").err).toEqual({ message: "connect ECONNREFUSED 127.0.0.1:5432", code: "ECONNREFUSED", queue: "callbacks.process" });
  });
});
