import { maskPhone } from "@/lib/logger";
import { buildC2bPayload } from "./c2b-payload";
import type { SimulatorContext } from "./context";
import { customerName } from "./customers";
import { keep } from "./ledger-state";
import type { C2bPaymentRecord, C2bRegistration, Delivery, SimTransaction } from "./ledger-types";
import { organisationOf } from "./organisations";
import { postNotification } from "./post-json";

/**
 * A customer paying a paybill or till directly (SIM menu, app, or the sandbox's simulate API):
 * - with external validation on and a ValidationURL registered, M-Pesa asks it first and waits
 *   about 8 s; "0" accepts, any other code rejects (no money moves); no usable answer in time lets
 *   the registered ResponseType decide;
 * - the money then moves and the confirmation goes to the ConfirmationURL, once, whatever answer
 *   it gets. Without registered URLs the payment still happens: only Pull and the statement show it.
 */
export interface C2bPayInput {
  paidTo: string;
  amount: number;
  billRef: string | null;
  msisdn: string;
  source: C2bPaymentRecord["source"];
}

export type C2bPayOutcome = { ok: true; record: C2bPaymentRecord } | { ok: false; error: string };

export async function customerPays(ctx: SimulatorContext, input: C2bPayInput): Promise<C2bPayOutcome> {
  const org = organisationOf(ctx.options, input.paidTo);
  if (!org) return { ok: false, error: `${input.paidTo} is not a paybill or till of this simulator` };
  if (!Number.isInteger(input.amount) || input.amount < 1 || input.amount > 250_000) return { ok: false, error: "amount must be whole shillings, 1 to 250000" };
  if (!/^254[17]\d{8}$/.test(input.msisdn)) return { ok: false, error: "msisdn must be 12 digits, 2547… or 2541…" };
  const billRef = org.channel === "till" ? null : (input.billRef?.trim() || null);
  if (billRef && billRef.length > 20) return { ok: false, error: "the account number may have at most 20 characters" };

  const at = ctx.now();
  const receipt = ctx.ids.receiptNumber(at);
  const customer = customerName(input.msisdn);
  const registration = registrationFor(ctx, input.paidTo, org.shortcode);
  const base = { receipt, channel: org.channel, at, amount: input.amount, paidTo: input.paidTo, billRef, msisdn: input.msisdn, customer };
  const record: C2bPaymentRecord = {
    receipt, source: input.source, paidTo: input.paidTo, amount: input.amount, msisdn: input.msisdn, billRef, at,
    status: "completed", decidedBy: "no-validation", resultCode: "0", validation: null, confirmations: [],
  };
  let thirdPartyTransId: string | null = null;
  if (registration && validationEnabled(ctx, input.paidTo, org.shortcode)) {
    const body = buildC2bPayload({ ...base, version: registration.version, balanceAfter: null, thirdPartyTransId: null });
    const delivery = await postNotification(ctx, registration.validationUrl, body, ctx.options.ledger.validationTimeoutMs);
    record.validation = delivery;
    const verdict = readValidationAnswer(delivery);
    if (verdict) {
      record.decidedBy = "validation";
      record.resultCode = verdict.code;
      thirdPartyTransId = verdict.thirdPartyTransId;
      if (verdict.code !== "0") record.status = "rejected";
    } else {
      record.decidedBy = "response-type";
      record.resultCode = registration.responseType;
      if (registration.responseType === "Cancelled") record.status = "rejected";
    }
  }
  keep(ctx.ledger.c2bPayments, record);
  if (record.status === "rejected") {
    ctx.log.info({ receipt, phone: maskPhone(input.msisdn), resultCode: record.resultCode }, "c2b payment rejected by validation");
    return { ok: true, record };
  }
  const tx = ctx.ledger.transactions.add({
    receipt, kind: "c2b", shortcode: org.shortcode, paidTo: input.paidTo, channel: org.channel, amount: input.amount, msisdn: input.msisdn,
    customer, billRef, initiatedAt: at, completedAt: at, linkedReceipt: null, originatorConversationId: null, conversationId: null, via: "customer",
  });
  if (registration) confirm(ctx, record, registration, tx, thirdPartyTransId);
  ctx.log.info({ receipt, phone: maskPhone(input.msisdn), amount: input.amount, paidTo: input.paidTo }, "c2b payment completed");
  return { ok: true, record };
}

/** An STK payment also fires the C2B confirmation when C2B URLs are registered (seen in production captures). */
export function confirmStkPayment(ctx: SimulatorContext, tx: SimTransaction): void {
  if (!tx.paidTo || !tx.channel) return;
  const registration = registrationFor(ctx, tx.paidTo, tx.shortcode);
  if (!registration) return;
  const record = keep(ctx.ledger.c2bPayments, {
    receipt: tx.receipt, source: "stk", paidTo: tx.paidTo, amount: tx.amount, msisdn: tx.msisdn, billRef: tx.billRef, at: tx.completedAt,
    status: "completed", decidedBy: "no-validation", resultCode: "0", validation: null, confirmations: [],
  } satisfies C2bPaymentRecord);
  confirm(ctx, record, registration, tx, null);
}

function confirm(ctx: SimulatorContext, record: C2bPaymentRecord, registration: C2bRegistration, tx: SimTransaction, thirdPartyTransId: string | null): void {
  const body = buildC2bPayload({
    receipt: tx.receipt, channel: tx.channel ?? "paybill", at: tx.completedAt, amount: tx.amount, paidTo: tx.paidTo ?? tx.shortcode, billRef: tx.billRef,
    msisdn: tx.msisdn, customer: tx.customer, version: registration.version, balanceAfter: tx.balanceAfter, thirdPartyTransId,
  });
  ctx.scheduler.track(postNotification(ctx, registration.confirmationUrl, body).then((d: Delivery) => void record.confirmations.push(d)));
}

function registrationFor(ctx: SimulatorContext, paidTo: string, organisation: string): C2bRegistration | undefined {
  return ctx.ledger.c2bUrls.get(paidTo) ?? ctx.ledger.c2bUrls.get(organisation);
}

function validationEnabled(ctx: SimulatorContext, paidTo: string, organisation: string): boolean {
  return ctx.ledger.c2bValidation.has(paidTo) || ctx.ledger.c2bValidation.has(organisation);
}

/** The merchant's answer, when it is one: HTTP 2xx, JSON, a ResultCode. Anything else is no answer. */
function readValidationAnswer(delivery: Delivery): { code: string; thirdPartyTransId: string | null } | null {
  if (delivery.status === null || delivery.status < 200 || delivery.status >= 300) return null;
  const answer = delivery.answer as { ResultCode?: unknown; ThirdPartyTransID?: unknown } | null;
  if (!answer || typeof answer !== "object") return null;
  const code = answer.ResultCode;
  if (typeof code !== "string" && typeof code !== "number") return null;
  const text = String(code).trim();
  const tp = typeof answer.ThirdPartyTransID === "string" && answer.ThirdPartyTransID.trim() ? answer.ThirdPartyTransID.trim() : null;
  return { code: /^0+$/.test(text) ? "0" : text, thirdPartyTransId: tp };
}
