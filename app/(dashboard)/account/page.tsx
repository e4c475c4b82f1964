import type { Metadata } from "next";
import { renderSVG } from "uqr";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { inputClass, labelClass } from "@/components/ui/styles";
import { changePasswordAction, confirmTwoFactorAction, disableTwoFactorAction, replaceRecoveryCodesAction, startTwoFactorAction } from "@/lib/actions/account";
import { requireSignedIn } from "@/lib/auth/guards";
import { formatManualKey, totpUri } from "@/lib/auth/totp";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { pendingTotpSecret } from "@/lib/users/two-factor-enrolment";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const me = await requireSignedIn("/account");
  const env = getEnv();
  const db = getDb();
  const [account, pending, unusedCodes] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: me.id }, select: { passwordChangedAt: true, totpEnabledAt: true } }),
    pendingTotpSecret(db, { userId: me.id, dataSecret: env.secrets.data }),
    db.recoveryCode.count({ where: { userId: me.id, usedAt: null } }),
  ]);
  const required = me.role === "ADMIN" && env.adminTwoFactorRequired;
  return (
    <>
      <PageHeader title="Your account" testId="account-title" description={`${me.email} · ${me.role === "ADMIN" ? "Admin" : "Finance"}`} />
      {me.mustEnrolTwoFactor ? (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="two-factor-required">
          Admins must sign in with a second factor here. Set it up below to use the dashboard.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Password" id="password">
          <p className="mb-3 text-sm text-slate-600">Last changed <DateTime value={account.passwordChangedAt} />. Changing it signs you out everywhere else.</p>
          <ActionForm action={changePasswordAction} submitLabel="Change password" testId="change-password-form">
            <div><label htmlFor="current-password" className={labelClass}>Current password</label><input id="current-password" name="currentPassword" type="password" required autoComplete="current-password" className={`${inputClass} mt-1`} /></div>
            <div><label htmlFor="new-password" className={labelClass}>New password (12+ characters)</label><input id="new-password" name="newPassword" type="password" required minLength={12} autoComplete="new-password" className={`${inputClass} mt-1`} /></div>
            <div><label htmlFor="confirm-password" className={labelClass}>New password again</label><input id="confirm-password" name="confirmPassword" type="password" required minLength={12} autoComplete="new-password" className={`${inputClass} mt-1`} /></div>
          </ActionForm>
        </Card>
        <Card title="Two-factor sign-in" id="two-factor">
          {account.totpEnabledAt ? (
            <div className="space-y-4" data-testid="two-factor-on">
              <p className="text-sm text-slate-700">On since <DateTime value={account.totpEnabledAt} />: signing in asks for a code from your authenticator app. {unusedCodes} recovery code{unusedCodes === 1 ? "" : "s"} left.</p>
              <ActionForm action={replaceRecoveryCodesAction} submitLabel="Make new recovery codes" tone="secondary" testId="replace-codes-form">
                <div><label htmlFor="codes-password" className={labelClass}>Current password</label><input id="codes-password" name="password" type="password" required autoComplete="current-password" className={`${inputClass} mt-1`} /></div>
              </ActionForm>
              {required ? <p className="text-sm text-slate-600">Admins cannot turn it off here.</p> : (
                <ActionForm action={disableTwoFactorAction} submitLabel="Turn off" tone="danger" testId="disable-two-factor-form">
                  <div><label htmlFor="off-password" className={labelClass}>Current password</label><input id="off-password" name="password" type="password" required autoComplete="current-password" className={`${inputClass} mt-1`} /></div>
                </ActionForm>
              )}
            </div>
          ) : pending ? (
            <div className="space-y-3" data-testid="two-factor-enrol">
              <p className="text-sm text-slate-700">Scan this with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Aegis…), or type the key by hand.</p>
              {/* eslint-disable-next-line @next/next/no-img-element -- a data: URI made here, not an image to optimise */}
              <img src={`data:image/svg+xml;base64,${Buffer.from(renderSVG(totpUri(pending, me.email))).toString("base64")}`} alt="QR code for your authenticator app" width={192} height={192} className="rounded border border-slate-200 bg-white p-2" />
              <p className="text-sm">Key: <code className="select-all font-mono" data-testid="totp-key">{formatManualKey(pending)}</code></p>
              <details className="text-xs text-slate-600"><summary className="cursor-pointer">otpauth URI</summary><code className="break-all" data-testid="totp-uri">{totpUri(pending, me.email)}</code></details>
              <ActionForm action={confirmTwoFactorAction} submitLabel="Turn on" testId="confirm-two-factor-form">
                <div><label htmlFor="totp-code" className={labelClass}>Code from the app</label><input id="totp-code" name="code" inputMode="numeric" autoComplete="one-time-code" required className={`${inputClass} mt-1`} /></div>
              </ActionForm>
            </div>
          ) : (
            <div className="space-y-3">
              <p className="text-sm text-slate-700">{required ? "Required for admins here." : "Optional for you."} After your password, sign-in asks for a 6-digit code from an app on your phone, so a stolen password alone is not enough.</p>
              <ActionForm action={startTwoFactorAction} submitLabel="Set up two-factor sign-in" testId="start-two-factor-form" />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
