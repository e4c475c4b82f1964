import { describe, expect, it } from "vitest";
import { measureRequestTime, timeProviderCall, timeWaitOnOther } from "./provider-time";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("measureRequestTime", () => {
  it("counts the provider calls inside the request apart from the rest, failed calls too", async () => {
    const { result, totalMs, providerMs } = await measureRequestTime(async () => {
      await timeProviderCall(() => wait(30));
      await timeProviderCall(() => Promise.reject(new Error("broke"))).catch(() => undefined);
      await timeProviderCall(() => wait(20));
      return "done";
    });
    expect(result).toBe("done");
    expect(providerMs).toBeGreaterThanOrEqual(45);
    expect(totalMs).toBeGreaterThanOrEqual(providerMs);
  });

  it("leaves a wait on another request out of both the own time and the provider's", async () => {
    const { totalMs, providerMs, ownMs } = await measureRequestTime(() => timeWaitOnOther(() => wait(40)));
    expect(providerMs).toBe(0);
    expect(totalMs).toBeGreaterThanOrEqual(35);
    expect(ownMs).toBeLessThan(totalMs - 30);
  });

  it("keeps concurrent requests apart, and only calls outside a request", async () => {
    const [a, b] = await Promise.all([
      measureRequestTime(() => timeProviderCall(() => wait(40))),
      measureRequestTime(async () => wait(5)),
    ]);
    expect(a.providerMs).toBeGreaterThanOrEqual(35);
    expect(b.providerMs).toBe(0);
    expect(await timeProviderCall(async () => 7)).toBe(7);
  });
});
