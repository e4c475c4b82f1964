import type { IncomingMessage, ServerResponse } from "node:http";
import { maskPhone } from "../../../logger";
import { readBody, redirect, sendHtml } from "@/lib/rails/daraja/simulator/http";
import { formatVodacomAmount, isVodacomMarketCode, VODACOM_MARKETS } from "../markets";
import type { SimulatorContext } from "./context";
import { answerPrompt, isAwaitingCustomer } from "./lifecycle";
import { renderMessage, renderPhone, renderPhoneIndex, type PromptView } from "./phone-html";
import { SCENARIOS } from "./scenarios";
import type { TransactionRecord } from "./types";

const MSISDN = /^\d{12,14}$/;

// GET /phone – phones that got prompts, the test numbers, and a box to open any phone
export function handlePhoneIndex(ctx: SimulatorContext, res: ServerResponse, url: URL): void {
  const wanted = url.searchParams.get("msisdn");
  if (wanted !== null) {
    const phone = wanted.replace(/[\s+]/g, "");
    if (!MSISDN.test(phone)) return sendHtml(res, 400, renderMessage("Not a phone number", "Use 12 to 14 digits with the country code, e.g. 255754000001.", "/phone"));
    return redirect(res, `/phone/${phone}`);
  }
  sendHtml(res, 200, renderPhoneIndex(ctx.store.phones(), SCENARIOS));
}

// GET /phone/<msisdn> – the prompts this phone received, newest first
export function handlePhone(ctx: SimulatorContext, res: ServerResponse, msisdn: string): void {
  const prompts = ctx.store.forPhone(msisdn).reverse().map((r) => promptView(ctx, r));
  sendHtml(res, 200, renderPhone(msisdn, prompts, ctx.options.customerPin));
}

// POST /phone/<msisdn>/<ConversationID>/(accept|cancel) – the customer answers a prompt
export async function handlePhoneAnswer(
  ctx: SimulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  params: { msisdn: string; conversationId: string; action: "accept" | "cancel" },
): Promise<void> {
  const form = new URLSearchParams(await readBody(req, 4096));
  const back = `/phone/${params.msisdn}`;
  const record = ctx.store.byConversationId(params.conversationId);
  if (!record || record.msisdn !== params.msisdn) return sendHtml(res, 404, renderMessage("No such prompt", "This phone has no such prompt.", back));
  const answered = answerPrompt(ctx, record, params.action === "accept" ? { action: "accept", pin: form.get("pin") ?? "" } : { action: "cancel" });
  if (!answered) return sendHtml(res, 409, renderMessage("Prompt closed", `This prompt is no longer waiting: ${statusOf(ctx, record)}.`, back));
  ctx.log.info({ conversationId: record.conversationId, phone: maskPhone(params.msisdn), action: params.action }, "prompt answered on the phone page");
  redirect(res, back);
}

function promptView(ctx: SimulatorContext, record: TransactionRecord): PromptView {
  return {
    conversationId: record.conversationId,
    amount: amountText(record),
    reference: record.reference ?? "",
    serviceProviderCode: record.serviceProviderCode,
    sentAt: record.createdAt,
    status: statusOf(ctx, record),
    awaiting: isAwaitingCustomer(ctx, record),
  };
}

function statusOf(ctx: SimulatorContext, record: TransactionRecord): string {
  switch (record.state) {
    case "awaiting":
      return isAwaitingCustomer(ctx, record) ? "Waiting for your PIN" : "Processing";
    case "completed":
      return `Paid · ${record.transactionId ?? ""}`;
    case "cancelled":
      return "Cancelled";
    case "expired":
      return "Timed out";
    case "failed":
      return `Failed (${record.code ?? ""})`;
  }
}

function amountText(record: TransactionRecord): string {
  if (!isVodacomMarketCode(record.market)) return String(record.amountMinor);
  const market = VODACOM_MARKETS[record.market];
  return `${market.currency} ${formatVodacomAmount(record.amountMinor, market)}`;
}
