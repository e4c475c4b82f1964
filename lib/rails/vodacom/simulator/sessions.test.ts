import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/rails/daraja/simulator/random";
import { createSessionStore } from "./sessions";

describe("the simulator's sessions", () => {
  it("are refused before they are live and after they expire", () => {
    let nowMs = 0;
    const store = createSessionStore({ random: createRandom("s"), now: () => new Date(nowMs), lifetimeMs: 60_000, activationDelayMs: 30_000 });
    const id = store.issue();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(store.check(id)).toBe("not-live");
    nowMs = 30_000;
    expect(store.check(id)).toBe("ok");
    nowMs = 60_000;
    expect(store.check(id)).toBe("expired");
    expect(store.check("0".repeat(32))).toBe("unknown");
  });

  it("can all be ended at once", () => {
    const store = createSessionStore({ random: createRandom("s"), now: () => new Date(0), lifetimeMs: 60_000, activationDelayMs: 0 });
    const ids = [store.issue(), store.issue()];
    expect(store.expireAll()).toBe(2);
    expect(ids.map((id) => store.check(id))).toEqual(["expired", "expired"]);
    expect(store.issued()).toBe(2);
  });
});
