import { z } from "zod";

/** Inputs of the user-management actions; forms import these too (no "use server" here). */

export const ROLES = ["FINANCE", "ADMIN"] as const;

export const reasonField = z.string().trim().min(3, "Give a reason of at least 3 characters").max(500);

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address").max(320),
  name: z.string().trim().min(1, "Enter a name").max(120),
  role: z.enum(ROLES),
  password: z.string().min(12, "Use at least 12 characters").max(200),
});

export const changeUserRoleSchema = z.object({
  userId: z.string().regex(/^usr_[0-9A-Za-z]+$/),
  role: z.enum(ROLES),
  reason: reasonField,
});

export const setUserDisabledSchema = z.object({
  userId: z.string().regex(/^usr_[0-9A-Za-z]+$/),
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
  reason: reasonField,
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200),
    newPassword: z.string().min(12, "Use at least 12 characters").max(200),
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ" });

export const confirmTwoFactorSchema = z.object({
  code: z.string().trim().regex(/^\d{3} ?\d{3}$/, "Enter the 6-digit code the app shows"),
});

export const passwordConfirmationSchema = z.object({
  password: z.string().min(1, "Enter your current password").max(200),
});
