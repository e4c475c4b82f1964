import type { SimulatorContext } from "./context";
import { deliveryUrl, describeError } from "./deliver-callbacks";
import type { Delivery } from "./ledger-types";

/**
 * POSTs one notification as Daraja does (once, no retry, no redirects followed) and records what
 * happened. Never throws: a receiver that is down must not take the simulator with it.
 */
export async function postNotification(ctx: SimulatorContext, url: string, body: unknown, timeoutMs = ctx.options.callbackTimeoutMs): Promise<Delivery> {
  const delivery: Delivery = { url, at: ctx.now(), status: null, error: null, body };
  try {
    const response = await ctx.fetch(deliveryUrl(url, ctx.options.callbackOrigin), {
      method: "POST",
      headers: { "Content-Type": "application/json;charset=UTF-8" },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.any([ctx.scheduler.signal, AbortSignal.timeout(timeoutMs)]),
    });
    delivery.status = response.status;
    const text = await response.text().catch(() => "");
    delivery.answer = parseAnswer(text);
  } catch (error) {
    delivery.error = describeError(error);
  }
  return delivery;
}

function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 500);
  }
}
