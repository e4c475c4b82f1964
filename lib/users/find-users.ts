import type { Db } from "@/lib/db/client";

/** Every dashboard user for the admin's user list (a handful of rows: no paging needed). */
export async function findUsers(db: Db) {
  return db.user.findMany({
    orderBy: [{ disabled: "asc" }, { role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabled: true, lastSignInAt: true, createdAt: true },
  });
}
