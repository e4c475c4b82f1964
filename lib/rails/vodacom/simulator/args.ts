import { parseArgs } from "node:util";
import type { VodacomSimulatorOptions } from "./types";

/** The command line of `npm run simulator:vodacom`: one flag per option, numbers checked. */
const FLAGS = {
  host: { type: "string", default: "127.0.0.1" },
  port: { type: "string", default: "4020" },
  "api-key": { type: "string" },
  "service-provider-code": { type: "string", multiple: true },
  "trusted-origin": { type: "string", multiple: true },
  "key-bits": { type: "string" },
  "session-lifetime-ms": { type: "string" },
  "activation-delay-ms": { type: "string" },
  "result-url": { type: "string" },
  "pin-delay-ms": { type: "string" },
  "slow-pin-ms": { type: "string" },
  "sync-wait-ms": { type: "string" },
  "hang-ms": { type: "string" },
  "customer-pin": { type: "string" },
  seed: { type: "string" },
} as const;

export function optionsFromArgs(args: string[]): VodacomSimulatorOptions {
  const { values } = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: false });
  const number = (name: keyof typeof FLAGS): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(value)) throw new Error(`--${name} must be a number`);
    return value;
  };
  return {
    host: values.host,
    port: number("port"),
    apiKey: values["api-key"],
    serviceProviderCodes: values["service-provider-code"],
    trustedOrigins: values["trusted-origin"],
    keyBits: number("key-bits"),
    sessionLifetimeMs: number("session-lifetime-ms"),
    activationDelayMs: number("activation-delay-ms"),
    // A result URL turns on the asynchronous form.
    responseMode: values["result-url"] ? "async" : "sync",
    resultUrl: values["result-url"] ?? null,
    pinDelayMs: number("pin-delay-ms"),
    slowPinMs: number("slow-pin-ms"),
    syncWaitMs: number("sync-wait-ms"),
    hangMs: number("hang-ms"),
    customerPin: values["customer-pin"],
    seed: values.seed ?? null,
  };
}
