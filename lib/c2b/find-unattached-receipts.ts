import type { Db } from "@/lib/db/client";
import type { Mode, UnattachedReceiptStatus } from "@/lib/generated/prisma/client";

export const RECEIPTS_PAGE_SIZE = 50;

export type UnattachedReceiptRow = Awaited<ReturnType<typeof findUnattachedReceipts>>["items"][number];

/** Receipts of one mode in one status, newest first, with their storefront and account names, for the receipts page. */
export async function findUnattachedReceipts(db: Db, { mode, status }: { mode: Mode; status: UnattachedReceiptStatus }) {
  const where = { mode, status };
  const [items, total] = await Promise.all([
    db.unattachedReceipt.findMany({
      where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: RECEIPTS_PAGE_SIZE,
      include: { storefront: { select: { name: true } }, collectionAccount: { select: { name: true } } },
    }),
    db.unattachedReceipt.count({ where }),
  ]);
  return { items, total };
}
