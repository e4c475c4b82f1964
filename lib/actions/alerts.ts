"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { addAlertChannel } from "@/lib/alerts/add-alert-channel";
import { removeAlertChannel, setAlertChannelEnabled } from "@/lib/alerts/change-alert-channel";
import { saveAlertRule } from "@/lib/alerts/save-alert-rule";
import { addAlertChannelSchema, alertChannelSchema, saveAlertRuleSchema, setAlertChannelEnabledSchema } from "@/lib/alerts/schemas";
import { sendTestAlert } from "@/lib/alerts/send-test-alert";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

const PAGE = "/settings/alerts";

export const addAlertChannelAction = createAction({ name: "alerts.add_channel", schema: addAlertChannelSchema, auth: "admin" }, async (input, { user, address }) => {
  const { label } = await addAlertChannel(getDb(), { ...input, actor: user, ip: address, env: getEnv() });
  revalidatePath(PAGE);
  return { status: "success", message: `Alerts now also go to ${label}. Send it a test to check.` };
});

export const setAlertChannelEnabledAction = createAction({ name: "alerts.set_channel_enabled", schema: setAlertChannelEnabledSchema, auth: "admin" }, async (input, { user, address }) => {
  await setAlertChannelEnabled(getDb(), { ...input, actor: user, ip: address });
  revalidatePath(PAGE);
  return { status: "success", message: input.enabled ? "Channel resumed." : "Channel paused: it is sent nothing until resumed." };
});

export const removeAlertChannelAction = createAction({ name: "alerts.remove_channel", schema: alertChannelSchema, auth: "admin" }, async (input, { user, address }) => {
  await removeAlertChannel(getDb(), { ...input, actor: user, ip: address });
  revalidatePath(PAGE);
  return { status: "success", message: "Channel removed." };
});

export const sendTestAlertAction = createAction({ name: "alerts.send_test", schema: alertChannelSchema, auth: "admin" }, async (input, { user, address }) => {
  const result = await sendTestAlert(getDb(), { ...input, actor: user, ip: address, env: getEnv() });
  revalidatePath(PAGE);
  return result.sent
    ? { status: "success", message: "Test alert sent." }
    : { status: "error", message: `The test alert was not delivered: ${result.error ?? "unknown error"}. It is retried with backoff.` };
});

export const saveAlertRuleAction = createAction({ name: "alerts.save_rule", schema: saveAlertRuleSchema, auth: "admin" }, async (input, { user, address }) => {
  await saveAlertRule(getDb(), { ...input, actor: user, ip: address });
  revalidatePath(PAGE);
  return { status: "success", message: input.enabled ? "Saved: the next evaluation uses it." : "Turned off: its open alerts resolve at the next evaluation." };
});
