import type { Db } from "@/lib/db/client";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { inTransaction } from "@/lib/db/in-transaction";

export interface CreateUserOptions {
  email: string;
  name: string;
  role: "ADMIN" | "FINANCE";
  password: string;
  /** Who created the account; the command line passes a system actor. */
  actor: AuditActor;
  ip?: string | null;
}

/** Creates a dashboard user with an argon2 hash of the password; the password itself is never stored. */
export async function createUser(db: Db, options: CreateUserOptions) {
  const email = options.email.trim().toLowerCase();
  const problem = passwordProblem(options.password);
  if (problem) throw new AppError("validation_failed", `Password ${problem}`, { param: "password" });
  const passwordHash = await hashPassword(options.password);
  return inTransaction(db, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) throw new AppError("conflict", "A user with this email already exists.", { param: "email" });
    const user = await tx.user.create({ data: { id: createId("usr"), email, name: options.name.trim(), role: options.role, passwordHash } });
    const after = { email: user.email, name: user.name, role: user.role, disabled: user.disabled };
    await recordAudit(tx, { actor: options.actor, action: "user.create", entityType: "user", entityId: user.id, after, ip: options.ip });
    return user;
  });
}
