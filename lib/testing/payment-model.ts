import fc from "fast-check";
import type { PaymentStatus } from "@/lib/generated/prisma/client";
import { classifyResultCode } from "@/lib/rails/daraja/result-codes";
import { decide, type Decision, type PaymentFacts } from "@/lib/payments/decide";
import { applyEvent, canTransition, FINAL_STATUSES, isOpenStatus, type PaymentEventName } from "@/lib/payments/state";
import { callbackObservation, queryObservation } from "@/lib/testing/observations";

/**
 * A model of one payment's life under everything that can happen to it without a person: callbacks
 * (any result code, any amount, duplicates), status query answers (final, "still processing", the
 * last one at the deadline) and the expiry sweep. It applies the settle path's own pure decision
 * (lib/payments/decide.ts) and writes its results the way settle-payment.ts does, so property tests can run the same sequence through both and
 * compare, and check the invariants on either.
 */

export type PaymentOp =
  | { kind: "callback"; code: string; amount: number; receipt: string }
  | { kind: "query"; code: string }
  | { kind: "pending" }
  | { kind: "last_query" }
  | { kind: "expire" };

export interface ModelTransition {
  event: PaymentEventName;
  from: PaymentStatus;
  to: PaymentStatus;
}

export interface ModelState {
  facts: PaymentFacts;
  transitions: ModelTransition[];
  /** Receipts filled in after a success learned without one. */
  fills: number;
}

export const AMOUNT = 100;
/** The phone every modelled payment was prompted on, and every modelled callback reports. */
export const PHONE = "254708374149";

export const paymentOpArb: fc.Arbitrary<PaymentOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({
    kind: fc.constant("callback" as const),
    code: fc.constantFrom("0", "0", "0", "1", "17", "1019", "1031", "1032", "1037", "2001", "SFC_IC0003", "424242"),
    amount: fc.constantFrom(AMOUNT, AMOUNT, AMOUNT, AMOUNT - 1),
    receipt: fc.constantFrom("A", "B"),
  }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("query" as const), code: fc.constantFrom("0", "0", "1032", "1037", "2001", "1") }) },
  { weight: 1, arbitrary: fc.constant({ kind: "pending" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "last_query" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "expire" as const }) },
);

/** A sequence with some operations repeated at random places (duplicates, out of order). */
export const opSequenceArb = fc
  .tuple(fc.array(paymentOpArb, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 4 }))
  .map(([ops, repeats]) => {
    const sequence = [...ops];
    for (const r of repeats) sequence.splice(r % (sequence.length + 1), 0, ops[r % ops.length]!);
    return sequence;
  });

export function initialState(status: PaymentStatus): ModelState {
  return { facts: { status, amount: AMOUNT, phone: PHONE, mpesaReceipt: null, resultCode: null }, transitions: [], fills: 0 };
}

/** Applies one operation; `receiptOf` names the receipt a callback carries (tests make them unique per run). */
export function applyOp(state: ModelState, op: PaymentOp, receiptOf: (r: string) => string = (r) => r): ModelState {
  const { facts } = state;
  const open = isOpenStatus(facts.status);
  switch (op.kind) {
    case "pending":
      return state;
    case "last_query":
    case "expire":
      return open ? transition(state, "expire", {}) : state;
    case "query": {
      const outcome = outcomeOf(op.code);
      // The client reads an unrecognised code on the query path as "ask again later".
      if (outcome === "unknown") return state;
      const action = decide(facts, queryObservation({ resultCode: op.code, outcome }));
      return recordLateFailure(applyAction(state, action, op.code, undefined), facts, action, op.code);
    }
    case "callback": {
      const outcome = outcomeOf(op.code);
      const success = outcome === "succeeded";
      const receipt = success ? receiptOf(op.receipt) : undefined;
      const action = decide(facts, callbackObservation({ resultCode: op.code, outcome, amount: success ? op.amount : undefined, receipt, phone: success ? PHONE : undefined }));
      return recordLateFailure(applyAction(state, action, op.code, receipt), facts, action, op.code);
    }
  }
}

/** The invariants every history must keep; returns what is wrong, empty when nothing is. */
export function historyProblems(transitions: readonly ModelTransition[]): string[] {
  const problems: string[] = [];
  for (const t of transitions) {
    if (!canTransition(t.event, t.from) || applyEvent(t.from, t.event, t.to) !== t.to) problems.push(`${t.event} from ${t.from} to ${t.to} is not in the table`);
    if (t.from === "REVIEW") problems.push(`left REVIEW by ${t.event} without a person`);
  }
  const intoFinal = transitions.filter((t) => FINAL_STATUSES.includes(t.to));
  const lateSuccess = (t: ModelTransition) => t.event === "succeed" && t.from === "EXPIRED";
  // One final state, or an expiry followed by the late success that overrides it.
  const allowed = intoFinal.length <= 1 || (intoFinal.length === 2 && intoFinal[0]!.to === "EXPIRED" && lateSuccess(intoFinal[1]!));
  if (!allowed) problems.push(`entered final states ${intoFinal.map((t) => `${t.from}→${t.to}`).join(", ")}`);
  return problems;
}

function applyAction(state: ModelState, action: Decision, code: string, receipt: string | undefined): ModelState {
  const { facts } = state;
  switch (action.kind) {
    case "succeed":
      return transition(state, "succeed", { resultCode: code, mpesaReceipt: receipt ?? facts.mpesaReceipt });
    case "fail":
    case "cancel":
      return transition(state, action.kind, { resultCode: code });
    case "review":
      // A payment that already succeeded keeps what it recorded (settle-payment.ts).
      return transition(state, "review", facts.status === "SUCCEEDED" ? {} : { resultCode: code, mpesaReceipt: facts.mpesaReceipt ?? receipt ?? null });
    case "fill_receipt":
      return { ...state, facts: { ...facts, mpesaReceipt: receipt ?? null }, fills: state.fills + 1 };
    case "duplicate":
    case "stale":
    case "resolve":
    case "refuse":
    case "expire":
    case "wait":
      return state;
  }
}

/** A final failure after the deadline is kept on the expired payment (its result code), nothing else. */
function recordLateFailure(state: ModelState, before: PaymentFacts, action: Decision, code: string): ModelState {
  return before.status === "EXPIRED" && action.kind === "stale" ? { ...state, facts: { ...state.facts, resultCode: code } } : state;
}

function transition(state: ModelState, event: PaymentEventName, patch: Partial<PaymentFacts>): ModelState {
  const to = applyEvent(state.facts.status, event);
  if (!to) throw new Error(`the rules proposed ${event} from ${state.facts.status}, which the table forbids`);
  return { ...state, facts: { ...state.facts, ...patch, status: to }, transitions: [...state.transitions, { event, from: state.facts.status, to }] };
}

function outcomeOf(code: string): "succeeded" | "failed" | "cancelled" | "unknown" {
  const { outcome } = classifyResultCode(code);
  if (outcome === "pending") throw new Error(`${code} is not a final result`);
  return outcome;
}
