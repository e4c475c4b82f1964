"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createAction } from "@/lib/actions/create-action";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { changePassword } from "@/lib/users/change-password";
import { changePasswordSchema, confirmTwoFactorSchema, passwordConfirmationSchema } from "@/lib/users/schemas";
import { disableTwoFactor, replaceRecoveryCodes } from "@/lib/users/two-factor-changes";
import { confirmTwoFactor, startTwoFactorEnrolment } from "@/lib/users/two-factor-enrolment";

// Every action here changes how the signed-in user signs in: "self", open to anyone signed in
// (including an admin who still has to enrol a second factor), and always about themselves.

type Codes = { codes: string[] };

export const changePasswordAction = createAction({ name: "account.change_password", schema: changePasswordSchema, auth: "self" }, async (input, { user, address }) => {
  const { sessionsEnded } = await changePassword(getDb(), { user, currentPassword: input.currentPassword, newPassword: input.newPassword, ip: address, throttle: getEnv().signin });
  const ended = sessionsEnded === 0 ? "" : ` ${sessionsEnded} other session${sessionsEnded === 1 ? " was" : "s were"} signed out.`;
  return { status: "success", message: `Password changed.${ended}` };
});

export const startTwoFactorAction = createAction({ name: "account.start_two_factor", schema: z.object({}), auth: "self" }, async (_input, { user }) => {
  await startTwoFactorEnrolment(getDb(), { userId: user.id, dataSecret: getEnv().secrets.data });
  revalidatePath("/account");
  return { status: "success", message: "Scan the code with your authenticator app, then enter the code it shows." };
});

export const confirmTwoFactorAction = createAction<typeof confirmTwoFactorSchema, Codes>(
  { name: "account.confirm_two_factor", schema: confirmTwoFactorSchema, auth: "self" },
  async (input, { user, address }) => {
    const { recoveryCodes } = await confirmTwoFactor(getDb(), { user, code: input.code, dataSecret: getEnv().secrets.data, ip: address });
    // No revalidation: a fresh page would drop this form, and with it the codes it shows once.
    return { status: "success", message: "Two-factor sign-in is on. Keep these recovery codes somewhere safe: each works once, and they are not shown again.", data: { codes: recoveryCodes } };
  },
);

export const replaceRecoveryCodesAction = createAction<typeof passwordConfirmationSchema, Codes>(
  { name: "account.replace_recovery_codes", schema: passwordConfirmationSchema, auth: "self" },
  async (input, { user, address }) => {
    const { recoveryCodes } = await replaceRecoveryCodes(getDb(), { user, password: input.password, ip: address, throttle: getEnv().signin });
    return { status: "success", message: "New recovery codes; the old ones no longer work. They are not shown again.", data: { codes: recoveryCodes } };
  },
);

export const disableTwoFactorAction = createAction({ name: "account.disable_two_factor", schema: passwordConfirmationSchema, auth: "self" }, async (input, { user, address }) => {
  const env = getEnv();
  await disableTwoFactor(getDb(), { user, password: input.password, ip: address, throttle: env.signin, adminTwoFactorRequired: env.adminTwoFactorRequired });
  revalidatePath("/account");
  return { status: "success", message: "Two-factor sign-in is off." };
});
