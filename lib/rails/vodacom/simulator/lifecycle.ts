import type { SimulatorContext } from "./context";
import { deliverResult } from "./deliver-results";
import { CODE, type SimCode } from "./responses";
import type { Scenario } from "./scenarios";
import type { TransactionRecord, TransactionState } from "./types";

/**
 * The life of a payment Vodacom took: it waits (for its scripted customer, a person on the phone
 * page, or the end of Vodacom's wait) and settles exactly once. The held HTTP answer of the sync
 * form, the posted result of the async form and the status query all read what it settled to.
 */
export interface Pending {
  record: TransactionRecord;
  interactive: boolean;
  /** The code the answer reports when a scripted decision lies (INS-1 for a success). */
  reports: SimCode | null;
  /** Resolves true once settled, false when the simulator is reset or closed first. */
  settled: Promise<boolean>;
  resolve: (settled: boolean) => void;
}

export function beginPayment(ctx: SimulatorContext, record: TransactionRecord, scenario: Scenario): void {
  let resolve!: (settled: boolean) => void;
  const settled = new Promise<boolean>((r) => (resolve = r));
  ctx.waiting.set(record.conversationId, { record, interactive: scenario.interactive, reports: scenario.reports ?? null, settled, resolve });
  // Vodacom stops waiting for the customer after its sync wait, whatever else happens.
  ctx.scheduler.after(ctx.options.syncWaitMs, () => settle(ctx, record, CODE.TIMEOUT, "sync-wait"));
  const decide = () => settle(ctx, record, scenario.result, "scenario");
  if (scenario.decidesAfter === "now") decide();
  else if (scenario.decidesAfter === "pin") ctx.scheduler.after(ctx.options.pinDelayMs, decide);
  else if (scenario.decidesAfter === "slow") ctx.scheduler.after(ctx.options.slowPinMs, decide);
}

export type PromptAnswer = { action: "accept"; pin: string } | { action: "cancel" };

/** A person's answer on the phone page; false when the prompt is not (or no longer) waiting for one. */
export function answerPrompt(ctx: SimulatorContext, record: TransactionRecord, answer: PromptAnswer): boolean {
  if (!isAwaitingCustomer(ctx, record)) return false;
  const code = answer.action === "cancel" ? CODE.CANCELLED : answer.pin === ctx.options.customerPin ? CODE.SUCCESS : CODE.PIN_REFUSED;
  return settle(ctx, record, code, "phone-page");
}

export function isAwaitingCustomer(ctx: SimulatorContext, record: TransactionRecord): boolean {
  return record.state === "awaiting" && ctx.waiting.get(record.conversationId)?.interactive === true;
}

/** Settles once: a scripted decision or the end of the wait that comes after a person answered changes nothing. */
export function settle(ctx: SimulatorContext, record: TransactionRecord, code: SimCode, decidedBy: NonNullable<TransactionRecord["decidedBy"]>): boolean {
  const pending = ctx.waiting.get(record.conversationId);
  if (record.state !== "awaiting" || !pending) return false;
  ctx.waiting.delete(record.conversationId);
  record.code = code;
  record.reportedCode = decidedBy === "scenario" && pending.reports ? pending.reports : code;
  record.state = stateFor(code);
  record.settledAt = ctx.now();
  record.decidedBy = decidedBy;
  if (record.state === "completed") record.transactionId = ctx.ids.transactionId();
  pending.resolve(true);
  if (ctx.options.responseMode === "async") ctx.scheduler.track(deliverResult(ctx, record));
  return true;
}

/** Resolves true once the payment has settled, false if the simulator was reset or closed first. */
export function waitForOutcome(ctx: SimulatorContext, record: TransactionRecord): Promise<boolean> {
  return ctx.waiting.get(record.conversationId)?.settled ?? Promise.resolve(record.state !== "awaiting");
}

/** Reset and close: held answers are dropped, nothing settles any more. */
export function abandonAll(ctx: SimulatorContext): void {
  for (const pending of ctx.waiting.values()) pending.resolve(false);
  ctx.waiting.clear();
}

export function stateFor(code: string): TransactionState {
  if (code === CODE.SUCCESS) return "completed";
  if (code === CODE.CANCELLED) return "cancelled";
  if (code === CODE.TIMEOUT) return "expired";
  return "failed";
}
