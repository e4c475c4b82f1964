/** Prose of the OpenAPI document, kept apart from its structure. Markdown (CommonMark). */

export const OPENAPI_DESCRIPTION = `Charge customers by M-Pesa — Kenya by STK push ("Lipa na M-Pesa Online", KES), Tanzania by
Vodacom's M-Pesa OpenAPI (TZS) — through one call, and learn every outcome.

**Authentication.** Send your secret key as \`Authorization: Bearer sk_test_…\` (or \`sk_live_…\`). Test keys reach the
sandboxes or simulators, live keys production M-Pesa; a key only ever sees payments of its own mode.

**Money.** \`amount\` is an integer in the currency's minor unit as M-Pesa uses it (whole shillings for KES and TZS);
every payment carries its \`currency\`, which comes from the rail that charged it. Amounts of different currencies are
never added together.

**Errors.** Every error answers \`{"error": {"type", "code", "message", "param"?}}\`. Branch on \`code\`; \`message\` is
for people. \`param\` names the field or header at fault.

**Idempotency.** Send an \`Idempotency-Key\` with every POST so a retried request never prompts the customer twice.

**Outcomes.** A payment moves \`initiating\` → \`pending\` → \`succeeded\`, \`failed\`, \`cancelled\`, \`expired\`, or
\`review\` (a person checks it). Every final state and every review is announced by a signed webhook (see *webhooks*);
\`payment.updated\` announces a later change to a payment already announced: a receipt number that arrived after a
success learned by status query (\`receipt_missing\` turns false), or a review a person resolved.

**Sent again.** An admin may send the prompt again for a payment that ended \`failed\` or \`cancelled\`, or \`expired\`
once M-Pesa confirmed it unpaid. The same payment (same id) goes back to \`initiating\` without an event, and the new
attempt's outcome is announced like any other: a \`payment.succeeded\` may follow a \`payment.failed\`, so treat the
latest event's \`data.object.status\` as the payment's. A success of an earlier attempt still counts; two attempts
paid send the payment to \`review\`.`;

export const WEBHOOKS_DESCRIPTION = `Malipo POSTs the event as JSON to your endpoint's URL. Verify the \`Malipo-Signature\` header
against the raw body with your endpoint's signing secret before trusting it, and reject timestamps more than 5 minutes
away. Answer any 2xx within 10 seconds; anything else is retried with exponential backoff for up to 3 days. Delivery
is at least once: an event may arrive more than once, and events may arrive out of order, so deduplicate on the event
id and read \`data.object.status\` rather than the order of arrival. Missed some? \`GET /api/v1/events\` lists the last
30 days. An admin's "Send test event" in the dashboard sends a \`test.ping\` (signed like the rest, \`data.object\` a
\`{"object": "test"}\`): answer it 2xx and ignore it.`;
