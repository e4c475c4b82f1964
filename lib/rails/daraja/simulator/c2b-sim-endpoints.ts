import type { IncomingMessage, ServerResponse } from "node:http";
import { customerPays, type C2bPayOutcome } from "./c2b-payment";
import type { SimulatorContext } from "./context";
import { readBody, redirect, sendHtml, sendJson } from "./http";
import type { C2bPaymentRecord } from "./ledger-types";
import { organisationOf } from "./organisations";
import { renderMessage } from "./phone-html";
import { readSimJson } from "./sim-json";

// POST /__sim/c2b/pay {shortcode, amount, billRefNumber?, msisdn} – a customer pays directly (answers once validation has decided)
export async function handleSimC2bPay(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readSimJson(req);
  if (!body) return sendJson(res, 400, { error: "body must be a JSON object" });
  const amount = typeof body.amount === "number" ? body.amount : Number(body.amount);
  const outcome = await customerPays(ctx, {
    paidTo: String(body.shortcode ?? ""),
    amount,
    billRef: typeof body.billRefNumber === "string" ? body.billRefNumber : null,
    msisdn: String(body.msisdn ?? ""),
    source: "sim",
  });
  if (!outcome.ok) return sendJson(res, 400, { error: outcome.error });
  sendJson(res, 200, paymentView(outcome.record));
}

// POST /__sim/c2b/validation {shortcode, enabled} – what Safaricom does when asked to switch external validation on
export async function handleSimC2bValidation(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readSimJson(req);
  const shortcode = String(body?.shortcode ?? "");
  if (!body || typeof body.enabled !== "boolean" || !organisationOf(ctx.options, shortcode)) {
    return sendJson(res, 400, { error: "send {shortcode: <a paybill or till of this simulator>, enabled: true|false}" });
  }
  if (body.enabled) ctx.ledger.c2bValidation.add(shortcode);
  else ctx.ledger.c2bValidation.delete(shortcode);
  sendJson(res, 200, { shortcode, enabled: body.enabled });
}

// GET /__sim/c2b – registered URLs, validation switches, and every direct payment with its deliveries
export function handleSimC2bList(ctx: SimulatorContext, res: ServerResponse): void {
  sendJson(res, 200, {
    registrations: [...ctx.ledger.c2bUrls.values()].map((r) => ({ ...r, registeredAt: r.registeredAt.toISOString() })),
    validationEnabled: [...ctx.ledger.c2bValidation],
    payments: ctx.ledger.c2bPayments.map(paymentView),
  });
}

// POST /phone/<msisdn>/pay – the phone page's "Lipa na M-PESA" form
export async function handlePhonePay(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse, msisdn: string): Promise<void> {
  const form = new URLSearchParams(await readBody(req, 4096));
  const back = `/phone/${msisdn}`;
  const outcome: C2bPayOutcome = await customerPays(ctx, {
    paidTo: (form.get("shortcode") ?? "").trim(),
    amount: Number(form.get("amount") ?? ""),
    billRef: form.get("account"),
    msisdn,
    source: "phone",
  });
  if (!outcome.ok) return sendHtml(res, 400, renderMessage("Payment not sent", outcome.error, back));
  redirect(res, back);
}

export function paymentView(p: C2bPaymentRecord) {
  return {
    ...p,
    at: p.at.toISOString(),
    validation: p.validation && { ...p.validation, at: p.validation.at.toISOString() },
    confirmations: p.confirmations.map((c) => ({ ...c, at: c.at.toISOString() })),
  };
}
