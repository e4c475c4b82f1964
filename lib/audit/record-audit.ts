import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditActor {
  id: string | null;
  email: string;
}

export interface RecordAuditOptions {
  actor: AuditActor;
  /** Verb-noun in the entity's domain: "payment.expire", "user.role_change", "api_key.create". */
  action: string;
  entityType: string;
  entityId: string;
  reason?: string | null;
  /** The record as it was and as it became; never a secret (callers pass chosen fields). */
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/**
 * Writes one audit row. Callers pass their transaction so the row commits with the change it
 * describes, or not at all.
 */
export async function recordAudit(db: Db, options: RecordAuditOptions) {
  return db.auditLog.create({
    data: {
      actorUserId: options.actor.id,
      actorEmail: options.actor.email,
      action: options.action,
      entityType: options.entityType,
      entityId: options.entityId,
      reason: options.reason ?? null,
      before: toJson(options.before),
      after: toJson(options.after),
      ip: options.ip ?? null,
    },
  });
}

// Dates become ISO strings and BigInt ids strings: JSON columns hold neither natively.
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Prisma.InputJsonValue;
}
