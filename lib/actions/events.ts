"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/actions/create-action";
import { getDb } from "@/lib/db/client";
import { sendTestEventSchema } from "@/lib/events/dashboard-schemas";
import { sendTestEvent } from "@/lib/events/send-test-event";

export const sendTestEventAction = createAction({ name: "webhooks.send_test_event", schema: sendTestEventSchema, auth: "admin" }, async (input, { user, address }) => {
  const { eventId } = await sendTestEvent(getDb(), { ...input, actor: user, ip: address });
  revalidatePath(`/storefronts/${input.storefrontId}/webhooks/${input.endpointId}`);
  return { status: "success", message: `Queued test event ${eventId}: it is sent within a few seconds and appears in the delivery log.` };
});
