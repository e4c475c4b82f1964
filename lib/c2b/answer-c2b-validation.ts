import { verifyC2bToken } from "@/lib/rails/c2b-token";
import { referenceIsOpen } from "@/lib/c2b/match-c2b-payment";
import { judgeC2bValidation, type OpenReference } from "@/lib/c2b/validation-rule";
import { attemptDatabase } from "@/lib/db/attempt-database";
import { callbackDatabaseCircuit, type OutageCircuit } from "@/lib/db/outage-circuit";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { createLogger } from "@/lib/logger";
import { getClientAddress } from "@/lib/net/peer-address";
import { parseC2bNotification } from "@/lib/rails/daraja/c2b/notification";
import type { C2bValidationAnswer } from "@/lib/rails/daraja/c2b/validation-response";

/**
 * Daraja waits about 8 s for a validation answer before its registered ResponseType decides; the
 * database gets at most this much of it, so a slow database still leaves room to answer.
 */
export const VALIDATION_DB_BUDGET_MS = 3000;

export type ValidationVerdict =
  | { kind: "answered"; answer: C2bValidationAnswer }
  | { kind: "address_rejected" }
  | { kind: "token_rejected" }
  | { kind: "unreadable"; reason: string };

const log = createLogger("c2b");

/**
 * Answers one C2B validation request: the account's token and the source address are judged as for
 * confirmations, then the storefront's rule (validation-rule.ts). Nothing is stored: a validation is
 * a question before any money moves, and its confirmation follows through the store-first path.
 */
export async function answerC2bValidation(db: PrismaClient, { req, token, env, circuit = callbackDatabaseCircuit() }: { req: Request; token: string; env: Env; circuit?: OutageCircuit }): Promise<ValidationVerdict> {
  const verdict = verifyC2bToken(token, env.secrets.callback);
  if (!verdict.valid) return { kind: "token_rejected" };
  const address = getClientAddress(req, env.callbacks.trustedProxies);
  const mustCheck = env.callbacks.allowlistEnabled[verdict.mode === "TEST" ? "test" : "live"];
  if (mustCheck && !env.callbacks.allowlist.contains(address)) {
    log.warn({ sourceIp: address ?? "unknown", accountId: verdict.accountId }, "C2B validation request refused for its source address");
    return { kind: "address_rejected" };
  }
  const body = await readLimitedBody(req, env.callbacks.maxBodyBytes);
  const parsed = body.truncated ? { ok: false as const, reason: "body too large" } : parseC2bNotification(body.text);
  if (!parsed.ok) return { kind: "unreadable", reason: parsed.reason };
  const n = parsed.notification;
  const budget = Math.min(VALIDATION_DB_BUDGET_MS, env.callbacks.dbTimeoutMs);
  const looked = await attemptDatabase(async () => {
    const account = await db.collectionAccount.findUnique({ where: { id: verdict.accountId }, select: { id: true, storefront: { select: { c2bValidationRule: true, c2bValidationPattern: true } } } });
    if (!account) return null;
    const rule = { rule: account.storefront.c2bValidationRule, pattern: account.storefront.c2bValidationPattern };
    const open: OpenReference = rule.rule === "OPEN_PAYMENT" && n.billRefNumber?.trim()
      ? await referenceIsOpen(db, { collectionAccountId: account.id, billRefNumber: n.billRefNumber })
      : { amounts: [] };
    return { rule, open };
  }, { circuit, timeoutMs: budget });
  if (looked.ok && looked.value === null) return { kind: "token_rejected" };
  if (!looked.ok) log.warn({ accountId: verdict.accountId, database: looked.reason }, "C2B validation answered without the database: accepted, the confirmation will show what it was");
  const answer = looked.ok && looked.value ? judgeC2bValidation(looked.value.rule, n, looked.value.open) : judgeC2bValidation({ rule: "OPEN_PAYMENT", pattern: null }, n, null);
  log.info({ accountId: verdict.accountId, receipt: n.receipt, resultCode: answer.ResultCode }, "C2B validation answered");
  return { kind: "answered", answer };
}
