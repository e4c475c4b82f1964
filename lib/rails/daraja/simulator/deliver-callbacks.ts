import { maskPhone } from "@/lib/logger";
import type { SimulatorContext } from "./context";
import type { CallbackAttempt, PushRecord } from "./types";

/**
 * POSTs a settled push's callback as Daraja does: once, no retry on a non-2xx answer or a dead
 * receiver (FACTS.md §8), with `BusinessShortCode` as a header. Scenarios may ask for
 * several copies; chaos mode adds retries and random duplicates. Never throws: a receiver that
 * is down must not take the simulator with it.
 */
export async function deliverCallbacks(ctx: SimulatorContext, push: PushRecord): Promise<void> {
  for (let copy = 1; copy <= push.plan.callbacks; copy++) {
    if (ctx.scheduler.signal.aborted) return;
    let ok = await post(ctx, push, copy === 1 ? "delivery" : "duplicate");
    const chaos = ctx.options.chaos;
    if (!chaos) continue;
    for (let retry = 0; !ok && retry < chaos.retries; retry++) {
      if (!(await ctx.scheduler.sleep(chaos.retryDelayMs))) return;
      ok = await post(ctx, push, "chaos-retry");
    }
    if (ok && ctx.random.next() < chaos.duplicateRate) await post(ctx, push, "chaos-duplicate");
  }
}

async function post(ctx: SimulatorContext, push: PushRecord, kind: CallbackAttempt["kind"]): Promise<boolean> {
  const started = Date.now();
  const attempt: CallbackAttempt = { kind, at: ctx.now(), status: null, error: null, durationMs: 0 };
  try {
    const response = await ctx.fetch(deliveryUrl(push.request.callBackUrl, ctx.options.callbackOrigin), {
      method: "POST",
      headers: { "Content-Type": "application/json;charset=UTF-8", BusinessShortCode: push.request.businessShortCode },
      body: JSON.stringify(push.callbackBody),
      // Daraja is not seen following redirects; a 3xx counts as the receiver's answer.
      redirect: "manual",
      signal: AbortSignal.any([ctx.scheduler.signal, AbortSignal.timeout(ctx.options.callbackTimeoutMs)]),
    });
    attempt.status = response.status;
    await response.arrayBuffer().catch(() => undefined);
  } catch (error) {
    attempt.error = describeError(error);
  }
  attempt.durationMs = Date.now() - started;
  // Recorded once finished, so introspection never shows an attempt without its outcome.
  push.callbacks.push(attempt);
  const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
  ctx.log[ok ? "info" : "warn"](
    { checkoutRequestId: push.checkoutRequestId, phone: maskPhone(push.request.phoneNumber), kind, status: attempt.status, error: attempt.error },
    ok ? "callback delivered" : "callback not accepted by the receiver",
  );
  return ok;
}

/** With `callbackOrigin` set (inside compose), the URL's path on that origin instead of its own host. */
export function deliveryUrl(callBackUrl: string, origin: string | null): string {
  if (!origin) return callBackUrl;
  const url = new URL(callBackUrl);
  return `${origin}${url.pathname}${url.search}`;
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch hides the useful part (ECONNREFUSED, a timeout) in `cause`.
  const cause = error.cause instanceof Error ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})` : "";
  return `${error.name}: ${error.message}${cause}`;
}
