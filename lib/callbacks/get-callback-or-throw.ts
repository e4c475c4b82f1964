import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** One stored callback with its whole raw body and the payment it matched, if any. */
export async function getCallbackOrThrow(db: Db, { callbackId }: { callbackId: string }) {
  if (!/^\d{1,18}$/.test(callbackId)) throw new AppError("not_found", "No such callback.");
  const row = await db.callbackLog.findUnique({
    where: { id: BigInt(callbackId) },
    include: { payment: { select: { id: true, mode: true, status: true } } },
  });
  if (!row) throw new AppError("not_found", "No such callback.");
  const acceptedBy = row.sourceAcceptedBy ? await db.user.findUnique({ where: { id: row.sourceAcceptedBy }, select: { email: true } }) : null;
  return { ...row, id: row.id.toString(), sourceAcceptedByEmail: acceptedBy?.email ?? null };
}
