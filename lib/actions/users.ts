"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { getDb } from "@/lib/db/client";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";
import { changeUserRoleSchema, createUserSchema, setUserDisabledSchema } from "@/lib/users/schemas";
import { setUserDisabled } from "@/lib/users/set-user-disabled";

export const createUserAction = createAction({ name: "users.create", schema: createUserSchema, auth: "admin" }, async (input, { user, address }) => {
  const created = await createUser(getDb(), { ...input, actor: user, ip: address });
  revalidatePath("/users");
  return { status: "success", message: `Created ${created.email} (${created.role === "ADMIN" ? "admin" : "finance"}).` };
});

export const changeUserRoleAction = createAction({ name: "users.change_role", schema: changeUserRoleSchema, auth: "admin" }, async (input, { user, address }) => {
  const updated = await changeUserRole(getDb(), { ...input, actor: user, ip: address });
  revalidatePath("/users");
  return { status: "success", message: `${updated.email} is now ${updated.role === "ADMIN" ? "an admin" : "a finance user"}.` };
});

export const setUserDisabledAction = createAction({ name: "users.set_disabled", schema: setUserDisabledSchema, auth: "admin" }, async (input, { user, address }) => {
  const updated = await setUserDisabled(getDb(), { ...input, actor: user, ip: address });
  revalidatePath("/users");
  return { status: "success", message: `${updated.email} is ${updated.disabled ? "disabled" : "active again"}.` };
});
