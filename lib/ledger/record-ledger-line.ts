import { writesAlongside } from "@/lib/db/writes-alongside";
import { Prisma, type LedgerDirection, type LedgerLine as LedgerLineRow, type LedgerMatchStatus, type Mode } from "@/lib/generated/prisma/client";
import type { LedgerLine } from "@/lib/rails/daraja/ledger-line";
import type { MsisdnEvidence } from "@/lib/rails/daraja/msisdn-evidence";

/** One source's sight of a ledger line, on the collection account it belongs to. */
export interface LedgerSighting {
  collectionAccountId: string;
  mode: Mode;
  currency: string;
  line: LedgerLine;
  /** The payment the source knows the line belongs to (an STK callback's payment); else null. */
  paymentId?: string | null;
  /**
   * The source itself settled `paymentId` with this receipt (an STK callback, a C2B confirmation that
   * paid its match): a new line is written MATCHED with this note, so it needs no matching pass.
   */
  settledNote?: string;
}

export interface RecordedLedgerLine {
  id: bigint;
  created: boolean;
  /** False when the source told nothing the line did not already hold (a repeat). */
  changed: boolean;
  matchStatus: LedgerMatchStatus;
  disagreement: string | null;
}

const DIRECTIONS: Record<LedgerLine["direction"], LedgerDirection> = { in: "IN", out: "OUT", unknown: "UNKNOWN" };

/**
 * The one writer of ledger_lines. A line is keyed on (collection account, receipt); the first
 * source to tell of it writes it whole, and every later one only adds what it knows: fields still
 * empty, a full phone number where only a masked or hashed one was known, its own name in
 * `sources`. Nothing a source said is overwritten. A later source that gives another amount,
 * direction or payment records a disagreement instead, and the line is matched again (PENDING), as
 * it is when it was UNATTACHED and gained something to match on. Call inside the transaction that
 * stores the source's record, so the line and its evidence land together; a concurrent sighting of
 * the same receipt waits on the row lock.
 */
export async function recordLedgerLine(tx: Prisma.TransactionClient, sighting: LedgerSighting, now: Date, alongside: readonly Prisma.Sql[] = []): Promise<RecordedLedgerLine> {
  const { line } = sighting;
  const receipt = line.receipt.trim().toUpperCase();
  const key = { collectionAccountId_receipt: { collectionAccountId: sighting.collectionAccountId, receipt } };
  const settled = sighting.settledNote && sighting.paymentId ? { note: sighting.settledNote } : null;
  // Raw statements, returning only what is used: every successful callback and every pulled or
  // imported line comes through here. A new line is one statement, with the caller's `alongside`
  // writes in it (lib/db/writes-alongside.ts).
  const inserted = await tx.$queryRaw<{ id: bigint; matchStatus: LedgerMatchStatus }[]>`
    ${alongside.length > 0 ? Prisma.sql`WITH ${writesAlongside(alongside)}` : Prisma.empty}
    INSERT INTO ledger_lines (collection_account_id, mode, currency, receipt, shortcode, direction, amount_minor, completed_at, msisdn,
                              counterparty_name, account_reference, linked_receipt, transaction_type, sources, payment_id,
                              match_status, matched_at, match_note, first_seen_at, last_seen_at)
    VALUES (${sighting.collectionAccountId}, ${sighting.mode}::"Mode", ${sighting.currency}, ${receipt}, ${line.shortcode ?? null},
            ${DIRECTIONS[line.direction]}::"LedgerDirection", ${line.amountMinor}, ${line.completedAt ?? null}::timestamptz(3),
            ${line.msisdn ? JSON.stringify(line.msisdn) : null}::jsonb, ${line.counterpartyName ?? null}, ${line.accountReference ?? null},
            ${line.linkedReceipt ?? null}, ${line.transactionType ?? null}, ARRAY[${line.source}]::text[], ${sighting.paymentId ?? null},
            ${settled ? "MATCHED" : "PENDING"}::"LedgerMatchStatus", ${settled ? now : null}::timestamptz(3), ${settled?.note ?? null}, ${now}, ${now})
    ON CONFLICT (collection_account_id, receipt) DO NOTHING
    RETURNING id, match_status AS "matchStatus"`;
  if (inserted[0]) return { id: inserted[0].id, created: true, changed: true, matchStatus: inserted[0].matchStatus, disagreement: null };

  // A repeat: the UPDATE takes the row's lock (waiting for a concurrent sighting to commit), marks
  // it seen, and returns it as it now stands, in one statement; only what the source adds is written after.
  const [existing] = await tx.$queryRaw<ExistingLine[]>`
    UPDATE ledger_lines SET last_seen_at = ${now}
     WHERE collection_account_id = ${sighting.collectionAccountId} AND receipt = ${receipt}
    RETURNING id, shortcode, completed_at AS "completedAt", counterparty_name AS "counterpartyName", account_reference AS "accountReference",
              linked_receipt AS "linkedReceipt", transaction_type AS "transactionType", direction, msisdn, sources, amount_minor AS "amountMinor",
              payment_id AS "paymentId", disagreement, match_status AS "matchStatus"`;
  if (!existing) throw new Error(`ledger line ${receipt} vanished between its insert and its lock`);

  const update: Prisma.LedgerLineUpdateInput = {};
  const fill = <K extends "shortcode" | "completedAt" | "counterpartyName" | "accountReference" | "linkedReceipt" | "transactionType">(field: K, value: LedgerLine[K] | null) => {
    if (existing[field] === null && value !== null && value !== undefined) (update as Record<string, unknown>)[field] = value;
  };
  fill("shortcode", line.shortcode);
  fill("completedAt", line.completedAt);
  fill("counterpartyName", line.counterpartyName);
  fill("accountReference", line.accountReference);
  fill("linkedReceipt", line.linkedReceipt);
  fill("transactionType", line.transactionType);
  if (existing.direction === "UNKNOWN" && line.direction !== "unknown") update.direction = DIRECTIONS[line.direction];
  if (line.msisdn && strongerEvidence(line.msisdn, existing.msisdn as MsisdnEvidence | null)) update.msisdn = toJson(line.msisdn);
  if (!existing.sources.includes(line.source)) update.sources = [...existing.sources, line.source];
  const paymentId = sighting.paymentId ?? null;
  if (paymentId && existing.paymentId === null) update.payment = { connect: { id: paymentId } };

  const disagreement = existing.disagreement ?? disagreementOf(existing, sighting, paymentId);
  const newlyDisagrees = existing.disagreement === null && disagreement !== null;
  if (newlyDisagrees) update.disagreement = disagreement;
  const gainedMatchFacts = update.accountReference !== undefined || update.msisdn !== undefined || update.payment !== undefined;
  const rematch = newlyDisagrees || (existing.matchStatus === "UNATTACHED" && gainedMatchFacts);
  if (rematch) update.matchStatus = "PENDING";

  const changed = Object.keys(update).length > 0;
  if (!changed) return { id: existing.id, created: false, changed: false, matchStatus: existing.matchStatus, disagreement: existing.disagreement };
  const saved = await tx.ledgerLine.update({ where: key, data: update, select: { matchStatus: true } });
  return { id: existing.id, created: false, changed: true, matchStatus: saved.matchStatus, disagreement };
}

/** What a repeat sighting compares with: the line as stored. */
type ExistingLine = Pick<LedgerLineRow,
  "id" | "shortcode" | "completedAt" | "counterpartyName" | "accountReference" | "linkedReceipt" | "transactionType" | "direction" |
  "msisdn" | "sources" | "amountMinor" | "paymentId" | "disagreement" | "matchStatus">;

function disagreementOf(existing: { amountMinor: number; direction: LedgerDirection; paymentId: string | null; sources: string[] }, sighting: LedgerSighting, paymentId: string | null): string | null {
  const { line } = sighting;
  const first = existing.sources[0] ?? "an earlier source";
  if (line.amountMinor !== existing.amountMinor) return `${line.source} gives amount ${line.amountMinor} (minor units), ${first} gave ${existing.amountMinor}`;
  const direction = DIRECTIONS[line.direction];
  if (direction !== "UNKNOWN" && existing.direction !== "UNKNOWN" && direction !== existing.direction) {
    return `${line.source} says the money went ${direction}, ${first} said ${existing.direction}`;
  }
  if (paymentId && existing.paymentId && paymentId !== existing.paymentId) return `${line.source} names payment ${paymentId}, the line already belongs to ${existing.paymentId}`;
  return null;
}

const STRENGTH: Record<MsisdnEvidence["kind"], number> = { partial: 0, hashed: 1, masked: 1, full: 2 };

function strongerEvidence(candidate: MsisdnEvidence, held: MsisdnEvidence | null): boolean {
  return held === null || STRENGTH[candidate.kind] > STRENGTH[held.kind];
}

function toJson(evidence: MsisdnEvidence): Prisma.InputJsonValue {
  return evidence as unknown as Prisma.InputJsonValue;
}
