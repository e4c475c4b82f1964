import { describe, expect, it } from "vitest";
import { attemptDatabase } from "@/lib/db/attempt-database";
import { createOutageCircuit } from "@/lib/db/outage-circuit";

const refused = () => Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" });
const uniqueViolation = () => Object.assign(new Error("Unique constraint failed on the fields: (`spool_id`)"), { code: "P2002" });

describe("the outage circuit", () => {
  it("skips the database for the hold after a failure, then lets exactly one caller probe it", () => {
    let now = 1000;
    const circuit = createOutageCircuit({ holdMs: 3000, now: () => now });
    expect(circuit.allow()).toBe(true);
    circuit.failed();
    expect([circuit.open, circuit.allow()]).toEqual([true, false]);
    now += 2999;
    expect(circuit.allow()).toBe(false);
    now += 1;
    expect(circuit.allow()).toBe(true);
    // The probe is out: the others keep skipping until it reports.
    expect(circuit.allow()).toBe(false);
    circuit.failed();
    now += 3000;
    expect(circuit.allow()).toBe(true);
    circuit.succeeded();
    expect([circuit.open, circuit.allow(), circuit.allow()]).toEqual([false, true, true]);
  });
});

describe("attemptDatabase", () => {
  const options = (circuit = createOutageCircuit()) => ({ circuit, timeoutMs: 200 });

  it("returns the work's value and keeps the circuit closed", async () => {
    const circuit = createOutageCircuit();
    expect(await attemptDatabase(async () => 42, options(circuit))).toEqual({ ok: true, value: 42 });
    expect(circuit.open).toBe(false);
  });

  it("turns an outage into { ok: false } and opens the circuit, so the next caller does not even try", async () => {
    const circuit = createOutageCircuit();
    expect(await attemptDatabase(async () => { throw refused(); }, options(circuit))).toMatchObject({ ok: false, outage: true, reason: "Can't reach database server at 127.0.0.1:5432" });
    let called = false;
    const skipped = await attemptDatabase(async () => { called = true; }, options(circuit));
    expect([skipped.ok, called]).toEqual([false, false]);
  });

  it("returns what is not an outage too, never throws: the database answered, so the circuit stays closed", async () => {
    const circuit = createOutageCircuit();
    const error = uniqueViolation();
    expect(await attemptDatabase(async () => { throw error; }, options(circuit))).toEqual({ ok: false, outage: false, error, reason: expect.stringMatching(/Unique constraint/) });
    expect(await attemptDatabase(async () => { throw new TypeError("a bug"); }, options(circuit))).toMatchObject({ ok: false, outage: false, reason: "a bug" });
    expect(circuit.open).toBe(false);
  });

  it("gives up at the deadline, and a late failure of the abandoned work goes nowhere", async () => {
    const circuit = createOutageCircuit();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const started = performance.now();
      const result = await attemptDatabase(() => new Promise((_, reject) => setTimeout(() => reject(uniqueViolation()), 400)), options(circuit));
      expect(performance.now() - started).toBeLessThan(390);
      expect(result).toMatchObject({ ok: false, outage: true, reason: "PostgreSQL did not answer within 200 ms" });
      expect(circuit.open).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
