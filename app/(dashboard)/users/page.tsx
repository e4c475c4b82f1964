import type { Metadata } from "next";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { ReasonField } from "@/components/ui/reason-field";
import { inputClass, labelClass } from "@/components/ui/styles";
import { changeUserRoleAction, createUserAction, setUserDisabledAction } from "@/lib/actions/users";
import { requireAdmin } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { findUsers } from "@/lib/users/find-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireAdmin("/users");
  const users = await findUsers(getDb());
  return (
    <>
      <PageHeader title="Users" testId="users-title" description="Finance users read and export; admins also act on payments, storefronts and users. The last active admin cannot be demoted or disabled." />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-3 lg:col-span-2" data-testid="users-list">
          {users.map((u) => (
            <Card key={u.id}>
              <div className="flex flex-wrap items-center gap-2" data-testid="user-row" data-email={u.email}>
                <span className="font-semibold">{u.name}</span>
                <span className="text-slate-700">{u.email}</span>
                <Badge tone={u.role === "ADMIN" ? "purple" : "blue"}>{u.role === "ADMIN" ? "Admin" : "Finance"}</Badge>
                {u.disabled ? <Badge tone="red">Disabled</Badge> : null}
                {u.id === me.id ? <Badge tone="slate">You</Badge> : null}
                <span className="text-sm text-slate-600">last sign-in <DateTime value={u.lastSignInAt} /></span>
              </div>
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-emerald-800">Change role or access</summary>
                <div className="mt-3 grid gap-4 md:grid-cols-2">
                  <ActionForm action={changeUserRoleAction} submitLabel={u.role === "ADMIN" ? "Make finance user" : "Make admin"} tone="secondary" testId="role-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="role" value={u.role === "ADMIN" ? "FINANCE" : "ADMIN"} />
                    <ReasonField id={`role-reason-${u.id}`} />
                  </ActionForm>
                  <ActionForm action={setUserDisabledAction} submitLabel={u.disabled ? "Enable" : "Disable"} tone={u.disabled ? "secondary" : "danger"} testId="disable-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                    <ReasonField id={`disable-reason-${u.id}`} />
                  </ActionForm>
                </div>
              </details>
            </Card>
          ))}
        </div>
        <Card title="Add a user" id="add-user">
          <ActionForm action={createUserAction} submitLabel="Create user" testId="create-user-form">
            <div><label htmlFor="u-email" className={labelClass}>Email</label><input id="u-email" name="email" type="email" required autoComplete="off" className={`${inputClass} mt-1`} /></div>
            <div><label htmlFor="u-name" className={labelClass}>Name</label><input id="u-name" name="name" required className={`${inputClass} mt-1`} /></div>
            <div>
              <label htmlFor="u-role" className={labelClass}>Role</label>
              <select id="u-role" name="role" defaultValue="FINANCE" className={`${inputClass} mt-1`}><option value="FINANCE">Finance</option><option value="ADMIN">Admin</option></select>
            </div>
            <div><label htmlFor="u-password" className={labelClass}>Initial password (12+ characters)</label><input id="u-password" name="password" type="password" required minLength={12} autoComplete="new-password" className={`${inputClass} mt-1`} /></div>
          </ActionForm>
        </Card>
      </div>
    </>
  );
}
