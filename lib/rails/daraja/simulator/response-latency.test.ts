import { describe, expect, it } from "vitest";
import { NO_LATENCY, parseLatency } from "./response-latency";

describe("parseLatency", () => {
  it("sets the fields given and keeps the others", () => {
    expect(parseLatency({ pushMs: 600 }, { oauthMs: 250, pushMs: 0, queryMs: 300 })).toEqual({ oauthMs: 250, pushMs: 600, queryMs: 300 });
    expect(parseLatency({}, NO_LATENCY)).toEqual(NO_LATENCY);
  });

  it.each([[{ pushMs: -1 }], [{ pushMs: 1.5 }], [{ pushMs: "600" }], [{ pushMs: 60_001 }], [{ pushMS: 600 }], [{ toString: 1 }]])("refuses %j", (input) => {
    expect(parseLatency(input, NO_LATENCY)).toBeNull();
  });
});
