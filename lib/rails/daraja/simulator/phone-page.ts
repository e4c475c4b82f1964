import type { IncomingMessage, ServerResponse } from "node:http";
import { maskPhone } from "@/lib/logger";
import type { SimulatorContext } from "./context";
import { readBody, redirect, sendHtml } from "./http";
import { answerPrompt, isAwaitingCustomer } from "./lifecycle";
import { renderMessage, renderPhone, renderPhoneIndex, type PromptView } from "./phone-html";
import { renderPayForm } from "./phone-pay-html";
import { SCENARIOS } from "./scenarios";
import type { PushRecord } from "./types";
import { msisdn as asMsisdn } from "./validate-stk";

// GET /phone – phones that got prompts, the test numbers, and a box to open any phone
export function handlePhoneIndex(ctx: SimulatorContext, res: ServerResponse, url: URL): void {
  const wanted = url.searchParams.get("msisdn");
  if (wanted !== null) {
    const phone = asMsisdn(wanted.trim());
    if (!phone) return sendHtml(res, 400, renderMessage("Not a phone number", "Use 12 digits: 2547XXXXXXXX or 2541XXXXXXXX.", "/phone"));
    return redirect(res, `/phone/${phone}`);
  }
  sendHtml(res, 200, renderPhoneIndex(ctx.store.phones(), SCENARIOS));
}

// GET /phone/<msisdn> – the prompts this phone received, newest first
export function handlePhone(ctx: SimulatorContext, res: ServerResponse, msisdn: string): void {
  const prompts = ctx.store.forPhone(msisdn).filter((p) => p.plan.promptShown).reverse().map(promptView);
  const payments = ctx.ledger.c2bPayments.filter((p) => p.msisdn === msisdn && p.source !== "stk").reverse();
  const payable = ctx.options.shortcodes.flatMap((s) => [...(s.paybill ? [s.shortcode] : []), ...s.tills]);
  sendHtml(res, 200, renderPhone(msisdn, prompts, ctx.options.customerPin, renderPayForm(msisdn, payments, payable)));
}

// POST /phone/<msisdn>/<CheckoutRequestID>/(accept|cancel) – the customer answers a prompt
export async function handlePhoneAnswer(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  params: { msisdn: string; checkoutRequestId: string; action: "accept" | "cancel" },
): Promise<void> {
  const form = new URLSearchParams(await readBody(req, 4096));
  const back = `/phone/${params.msisdn}`;
  const push = ctx.store.get(params.checkoutRequestId);
  if (!push || push.request.phoneNumber !== params.msisdn || !push.plan.promptShown) {
    return sendHtml(res, 404, renderMessage("No such prompt", "This phone has no such prompt.", back));
  }
  const answered = answerPrompt(ctx, push, params.action === "accept" ? { action: "accept", pin: form.get("pin") ?? "" } : { action: "cancel" });
  if (!answered) {
    return sendHtml(res, 409, renderMessage("Prompt closed", `This prompt is no longer waiting: ${statusOf(push)}.`, back));
  }
  ctx.log.info({ checkoutRequestId: push.checkoutRequestId, phone: maskPhone(params.msisdn), action: params.action }, "prompt answered on the phone page");
  redirect(res, back);
}

function promptView(push: PushRecord): PromptView {
  return {
    checkoutRequestId: push.checkoutRequestId,
    amount: push.request.amount,
    accountReference: push.request.accountReference,
    shortcode: push.request.partyB,
    sentAt: push.createdAt,
    status: statusOf(push),
    awaiting: isAwaitingCustomer(push),
  };
}

function statusOf(push: PushRecord): string {
  const result = push.result;
  if (!result) return isAwaitingCustomer(push) ? "Waiting for your answer" : "Processing";
  if (result.code === 0) return `Paid · receipt ${result.receipt ?? ""}`;
  if (result.code === 1032) return "Cancelled";
  return `Failed: ${result.callbackDesc} (${result.code})`;
}
