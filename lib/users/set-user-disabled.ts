import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";
import { assertNotLastActiveAdmin } from "@/lib/users/lock-admins";

export interface SetUserDisabledOptions {
  userId: string;
  disabled: boolean;
  actor: AuditActor & { id: string };
  reason: string;
  ip?: string | null;
}

/**
 * Disables or re-enables a user. A disabled user is signed out at their next request (the session
 * is checked against the database). Nobody disables themselves, and the last active admin stays.
 */
export async function setUserDisabled(db: Db, options: SetUserDisabledOptions) {
  if (options.disabled && options.userId === options.actor.id) {
    throw new AppError("invalid_state", "You cannot disable your own account.");
  }
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId } });
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.disabled === options.disabled) throw new AppError("invalid_state", `${user.email} is already ${user.disabled ? "disabled" : "active"}.`);
    if (options.disabled && user.role === "ADMIN") await assertNotLastActiveAdmin(tx, user.id);
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabled: options.disabled } });
    await recordAudit(tx, {
      actor: options.actor, action: options.disabled ? "user.disable" : "user.enable", entityType: "user", entityId: user.id,
      reason: options.reason, before: { disabled: user.disabled }, after: { disabled: updated.disabled }, ip: options.ip,
    });
    return updated;
  });
}
