import type { IncomingMessage, ServerResponse } from "node:http";
import { requireBearer } from "./auth";
import type { SimulatorContext } from "./context";
import { fullName, pullMsisdn } from "./customers";
import { invalidField, sendDarajaError } from "./daraja-errors";
import { readDarajaBody, sendJson } from "./http";
import type { SimTransaction } from "./ledger-types";
import { accountOf, organisationName } from "./organisations";
import { digitsOf } from "./validate-ledger";

const WINDOW_MS = 48 * 60 * 60 * 1000;
const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;
const NO_RECORDS = "No records found or Organization Name not available";

/**
 * POST /pulltransactions/v1/query – the shortcode's transactions in a window, with Pull's quirks:
 * lowercase keys, a list of lists, the MSISDN as a number without 254, the amount as a string,
 * trxDate in UTC labelled Z and cut to the minute; HTTP 200 with 1001 for "nothing" and for "not
 * registered" alike; at most 48 hours back and 48 hours long; lines appear `pullLagMs` late.
 */
export async function handlePullQuery(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!requireBearer(ctx, req, res)) return;
  const body = await readDarajaBody(req);
  const code = digitsOf(body.ShortCode, 5, 9);
  const shortcode = code ? accountOf(ctx.options, code) : null;
  if (!code || !shortcode) return sendDarajaError(res, { status: 400, code: "400.001", message: "Invalid ShortCode" }, ctx.ids.requestId());
  const start = eatDateTime(body.StartDate);
  if (!start) return sendDarajaError(res, invalidField("StartDate"), ctx.ids.requestId());
  const end = eatDateTime(body.EndDate);
  if (!end || end <= start || end.getTime() - start.getTime() > WINDOW_MS) return sendDarajaError(res, invalidField("EndDate"), ctx.ids.requestId());
  const offset = Number(digitsOf(body.OffSetValue, 1, 9) ?? NaN);
  if (!Number.isInteger(offset)) return sendDarajaError(res, invalidField("OffSetValue"), ctx.ids.requestId());
  const none = () => sendJson(res, 200, { RequestID: ctx.ids.requestId(), ResponseCode: "1001", ResponseMessage: NO_RECORDS });
  if (!ctx.ledger.pullRegistrations.has(shortcode)) return none();

  const now = ctx.now().getTime();
  const { pullLagMs, pullPageSize, pullOffsetMode } = ctx.options.ledger;
  const visible = ctx.ledger.transactions.forShortcode(shortcode).filter((t) => {
    const at = t.completedAt.getTime();
    return at >= start.getTime() && at <= end.getTime() && at >= now - WINDOW_MS && at + pullLagMs <= now;
  });
  const from = pullOffsetMode === "rows" ? offset : offset * pullPageSize;
  const page = visible.slice(from, from + pullPageSize);
  if (page.length === 0) return none();
  sendJson(res, 200, {
    ResponseRefID: ctx.ids.requestId(),
    ResponseCode: "1000",
    ResponseMessage: "Success",
    Response: [page.map((t) => pullRow(t, organisationName(ctx.options, shortcode)))],
  });
}

function pullRow(t: SimTransaction, organisation: string) {
  const minute = new Date(Math.floor(t.completedAt.getTime() / 60_000) * 60_000);
  return {
    transactionId: t.receipt,
    trxDate: minute.toISOString().replace(".000Z", "Z"),
    msisdn: pullMsisdn(t.msisdn),
    sender: fullName(t.customer),
    transactiontype: transactionType(t),
    billreference: t.billRef ?? "",
    amount: `${t.amount}.00`,
    organizationname: organisation,
  };
}

// Pull documents only c2b-pay-bill-debit; the till, reversal and B2C names are this simulator's.
function transactionType(t: SimTransaction): string {
  if (t.kind === "reversal") return "reversal-credit";
  if (t.kind === "b2c") return "b2c-payment-credit";
  return t.channel === "till" ? "c2b-buy-goods-debit" : "c2b-pay-bill-debit";
}

/** `YYYY-MM-DD HH:mm:ss` or `YYYY-MM-DD HH:mm`, EAT. */
function eatDateTime(value: unknown): Date | null {
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim()) : null;
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return new Date(utc - EAT_OFFSET_MS);
}
