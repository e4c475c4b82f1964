import { z } from "zod";

/** Inputs of the alert settings actions; forms import these too (no "use server" here). */

const channelId = z.string().regex(/^ach_[0-9A-Za-z]+$/);

export const addAlertChannelSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("EMAIL"), target: z.string().trim().toLowerCase().pipe(z.email("Enter an e-mail address")).pipe(z.string().max(320)) }),
  z.object({ type: z.literal("WEBHOOK"), target: z.string().trim().max(2000).pipe(z.url("Enter the webhook's https:// URL")) }),
], { message: "Choose e-mail or webhook" });

export const alertChannelSchema = z.object({ channelId });

export const setAlertChannelEnabledSchema = z.object({
  channelId,
  enabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const saveAlertRuleSchema = z.object({
  kind: z.string().regex(/^[a-z_]{1,64}$/),
  // An unticked checkbox is not submitted at all.
  enabled: z.literal("on").optional().transform((v) => v === "on"),
  threshold: z.string().trim().optional().transform((v, ctx) => {
    if (v === undefined || v === "") return null;
    if (!/^\d{1,7}$/.test(v)) {
      ctx.addIssue({ code: "custom", message: "Enter a whole number" });
      return z.NEVER;
    }
    return Number(v);
  }),
});
