import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

// One advisory lock for every change to who is an active admin: two admins demoting each other at
// the same moment must not both succeed and leave nobody in charge.
const ADMIN_SET_LOCK = 7_240_601;

/**
 * Inside a transaction: waits for other admin-set changes, then refuses if `userId` is the only
 * active admin left. Call before demoting or disabling `userId`.
 */
export async function assertNotLastActiveAdmin(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK})::text`;
  const others = await tx.user.count({ where: { role: "ADMIN", disabled: false, id: { not: userId } } });
  if (others === 0) {
    throw new AppError("invalid_state", "This is the last active admin. Make another user an admin first.");
  }
}
