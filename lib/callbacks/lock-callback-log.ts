import type { CallbackKind, CallbackOutcome, Prisma } from "@/lib/generated/prisma/client";

/** The stored callback as its processors read it. */
export interface LockedCallbackLog {
  id: bigint;
  kind: CallbackKind;
  outcome: CallbackOutcome;
  paymentId: string | null;
  token: string;
  tokenValid: boolean;
  ipAllowed: boolean;
  sourceAcceptedBy: string | null;
  sourceIp: string;
  body: string;
  headers: unknown;
  receivedAt: Date;
}

/**
 * Locks a stored callback's row for the rest of the transaction and reads it, in one statement
 * (it is on every callback's path). Null when no such row exists.
 */
export async function lockCallbackLog(tx: Prisma.TransactionClient, id: bigint): Promise<LockedCallbackLog | null> {
  const rows = await tx.$queryRaw<LockedCallbackLog[]>`
    SELECT id, kind, outcome, payment_id AS "paymentId", token, token_valid AS "tokenValid", ip_allowed AS "ipAllowed",
           source_accepted_by AS "sourceAcceptedBy", source_ip AS "sourceIp", body, headers, received_at AS "receivedAt"
      FROM callback_logs WHERE id = ${id} FOR UPDATE`;
  return rows[0] ?? null;
}
