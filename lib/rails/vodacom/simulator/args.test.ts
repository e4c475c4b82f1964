import { describe, expect, it } from "vitest";
import { optionsFromArgs } from "./args";

describe("npm run simulator:vodacom flags", () => {
  it("default to port 4020 on loopback, sync form", () => {
    expect(optionsFromArgs([])).toMatchObject({ host: "127.0.0.1", port: 4020, responseMode: "sync", resultUrl: null, seed: null });
  });

  it("read numbers, lists and the async form", () => {
    expect(optionsFromArgs(["--port", "4999", "--activation-delay-ms", "0", "--service-provider-code", "000000", "--service-provider-code", "123456",
      "--result-url", "http://127.0.0.1:3000/api/callbacks/vodacom", "--seed", "demo"])).toMatchObject({
      port: 4999, activationDelayMs: 0, serviceProviderCodes: ["000000", "123456"], responseMode: "async", resultUrl: "http://127.0.0.1:3000/api/callbacks/vodacom", seed: "demo",
    });
  });

  it("refuse unknown flags and non-numbers", () => {
    expect(() => optionsFromArgs(["--prot", "1"])).toThrow();
    expect(() => optionsFromArgs(["--pin-delay-ms", "soon"])).toThrow("--pin-delay-ms must be a number");
  });
});
