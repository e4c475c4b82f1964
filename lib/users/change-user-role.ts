import type { Db } from "@/lib/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { inTransaction } from "@/lib/db/in-transaction";
import { assertNotLastActiveAdmin } from "@/lib/users/lock-admins";

export interface ChangeUserRoleOptions {
  userId: string;
  role: "ADMIN" | "FINANCE";
  actor: AuditActor;
  reason: string;
  ip?: string | null;
}

/** Makes a user an admin or finance user; the last active admin cannot be demoted. */
export async function changeUserRole(db: Db, options: ChangeUserRoleOptions) {
  return inTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId } });
    if (!user) throw new AppError("not_found", "No such user.");
    if (user.role === options.role) throw new AppError("invalid_state", `${user.email} is already ${options.role === "ADMIN" ? "an admin" : "a finance user"}.`);
    if (user.role === "ADMIN" && !user.disabled) await assertNotLastActiveAdmin(tx, user.id);
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: options.role } });
    await recordAudit(tx, {
      actor: options.actor, action: "user.role_change", entityType: "user", entityId: user.id, reason: options.reason,
      before: { role: user.role }, after: { role: updated.role }, ip: options.ip,
    });
    return updated;
  });
}
