import type { ServerResponse } from "node:http";
import { darajaTimestamp } from "../password";
import type { SimulatorContext } from "./context";
import { accountOf, organisationName } from "./organisations";
import { buildStatementCsv } from "./statement-csv";

const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

// GET /__sim/statement.csv?from=&to=&shortcode= – the org portal's statement export for any range (EAT days or times)
export function handleStatement(ctx: SimulatorContext, res: ServerResponse, url: URL): void {
  const code = url.searchParams.get("shortcode") ?? ctx.options.shortcodes[0]?.shortcode ?? "";
  const shortcode = accountOf(ctx.options, code);
  if (!shortcode) return plain(res, 400, `shortcode ${code || "(none)"} is not one of this simulator's`);
  const now = ctx.now();
  const from = readBound(url.searchParams.get("from"), "start") ?? startOfEatDay(now);
  const to = readBound(url.searchParams.get("to"), "end") ?? new Date(startOfEatDay(now).getTime() + DAY_MS - 1000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to < from) {
    return plain(res, 400, "from and to must be dates (YYYY-MM-DD, in EAT) or date-times (YYYY-MM-DDTHH:mm:ss in EAT, or ISO with a zone), from ≤ to");
  }
  const transactions = ctx.ledger.transactions.forShortcode(shortcode).filter((t) => t.completedAt >= from && t.completedAt <= to);
  const csv = buildStatementCsv({
    shortcode, organisation: organisationName(ctx.options, shortcode), from, to, reportAt: now,
    openingBalance: ctx.ledger.transactions.balance(shortcode, from), transactions,
  });
  res.writeHead(200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="ORG_${shortcode}_Utility Account_Completed_${darajaTimestamp(now)}.csv"`,
    "Content-Length": Buffer.byteLength(csv),
  });
  res.end(csv);
}

/** A day means its whole EAT day; a wall-clock time without a zone is EAT; one with a zone is taken as it is. */
function readBound(value: string | null, side: "start" | "end"): Date | null {
  if (value === null || value.trim() === "") return null;
  const text = value.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const start = eatWallClock(text, "00:00:00");
    return side === "start" ? start : new Date(start.getTime() + DAY_MS - 1000);
  }
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/.exec(text);
  if (local) return eatWallClock(local[1] ?? "", (local[2] ?? "").length === 5 ? `${local[2]}:00` : (local[2] ?? ""));
  return /(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : new Date(Number.NaN);
}

function eatWallClock(date: string, time: string): Date {
  const utc = Date.parse(`${date}T${time}Z`);
  return new Date(Number.isNaN(utc) ? Number.NaN : utc - EAT_OFFSET_MS);
}

function startOfEatDay(at: Date): Date {
  const eat = at.getTime() + EAT_OFFSET_MS;
  return new Date(eat - (eat % DAY_MS) - EAT_OFFSET_MS);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
