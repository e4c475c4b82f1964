import { buildCallbackPayload } from "./callback-payload";
import type { SimulatorContext } from "./context";
import { deliverCallbacks } from "./deliver-callbacks";
import { describeResult, RESULT } from "./result-codes";
import { recordStkPayment } from "./stk-ledger";
import type { PushRecord, PushResult, ResolvedOptions, ResultCode, SettleAfter } from "./types";

/**
 * The life of an accepted push: it waits (for its scripted delay or a person on the phone page),
 * settles exactly once, then its callbacks go out. The query reads `push.result`, so it answers
 * "still processing" until the moment the push settles.
 */
export function beginPush(ctx: SimulatorContext, push: PushRecord): void {
  const { result, settlesAfter } = push.plan;
  if (result === null) return;
  ctx.scheduler.after(delayOf(ctx.options, settlesAfter), () => settlePush(ctx, push, result, "scenario"));
}

export type PromptAnswer = { action: "accept"; pin: string } | { action: "cancel" };

/** A person's answer on the phone page; false when the prompt is not (or no longer) waiting. */
export function answerPrompt(ctx: SimulatorContext, push: PushRecord, answer: PromptAnswer): boolean {
  if (!isAwaitingCustomer(push)) return false;
  const code = answer.action === "cancel" ? RESULT.CANCELLED : answer.pin === ctx.options.customerPin ? RESULT.SUCCESS : RESULT.WRONG_PIN;
  settlePush(ctx, push, code, "phone-page");
  return true;
}

export function isAwaitingCustomer(push: PushRecord): boolean {
  return push.plan.interactive && push.plan.promptShown && push.result === null;
}

/** Settles once: a scripted timeout that fires after a person answered changes nothing. */
export function settlePush(ctx: SimulatorContext, push: PushRecord, code: ResultCode, decidedBy: PushResult["decidedBy"]): void {
  if (push.result) return;
  const at = ctx.now();
  const text = describeResult(code);
  const paid = code === RESULT.SUCCESS;
  push.result = {
    code,
    callbackDesc: text.callback,
    queryDesc: text.query,
    at,
    decidedBy,
    receipt: paid ? ctx.ids.receiptNumber(at) : null,
    amount: paid ? reportedAmount(push.request.amount, push.plan.amountDelta) : null,
  };
  push.callbackBody = buildCallbackPayload(push, push.result);
  if (paid) recordStkPayment(ctx, push);
  if (push.plan.callbacks > 0) ctx.scheduler.track(deliverCallbacks(ctx, push));
}

function reportedAmount(requested: number, delta: number): number {
  // A mismatch must stay a valid amount: 1 − 1 would be 0, so go the other way.
  return requested + delta >= 1 ? requested + delta : requested - delta;
}

function delayOf(options: ResolvedOptions, settlesAfter: SettleAfter): number {
  if (settlesAfter === "lateCallbackDelay") return options.lateCallbackDelayMs;
  if (settlesAfter === "manualTimeout") return options.manualTimeoutMs;
  return options.callbackDelayMs;
}
