import { expect, test, type APIRequestContext } from "@playwright/test";
import { createPayment, createStuckPayment, signIn, sql, uniqueReference, viewTestMode, waitForStatus } from "./support/dashboard";
import { demo, SIMULATOR_URL } from "./support/stack";

// The simulator's "manual" number waits for the customer on its phone page: each attempt's prompt is
// answered there, as a customer would.
const MANUAL = "254708000012";

async function answerLatestPrompt(request: APIRequestContext, paymentId: string, action: "accept" | "cancel") {
  let checkout: string | null = null;
  await expect.poll(async () => {
    const [latest] = await sql<{ checkout_request_id: string | null }>("SELECT checkout_request_id FROM payment_attempts WHERE payment_id = $1 ORDER BY sequence DESC LIMIT 1", [paymentId]);
    checkout = latest?.checkout_request_id ?? null;
    return checkout;
  }).not.toBeNull();
  const res = await request.post(`${SIMULATOR_URL}/phone/${MANUAL}/${checkout}/${action}`, { form: action === "accept" ? { pin: "1234" } : {}, maxRedirects: 0 });
  expect(res.status()).toBe(303);
}

test("an admin sends the prompt again for a cancelled payment; the new attempt's success settles it once; no button while an attempt is live or unconfirmed", async ({ page, request }) => {
  const payment = await createPayment(request, { amount: 71, phone: MANUAL, reference: uniqueReference("RTY") });
  await waitForStatus(request, payment.id, ["pending"]);
  await signIn(page, demo.admin, `/payments/${payment.id}`);
  await viewTestMode(page);
  // The prompt is on the phone: nothing to send again.
  await expect(page.getByTestId("payment-status")).toHaveText("Pending");
  await expect(page.getByTestId("retry-form")).toHaveCount(0);

  await answerLatestPrompt(request, payment.id, "cancel");
  await waitForStatus(request, payment.id, ["cancelled"]);
  await page.reload();
  await expect(page.getByTestId("payment-status")).toHaveText("Cancelled");
  const form = page.getByTestId("retry-form");
  await form.getByLabel("Reason").fill("customer tapped cancel by mistake");
  await form.getByRole("button", { name: "Send the prompt again" }).click();
  await expect(page.getByTestId("admin-action-results")).toContainText("Attempt 2 sent");
  await expect(page.getByTestId("payment-status")).toHaveText("Pending");
  await expect(page.getByTestId("retry-form")).toHaveCount(0);
  await expect(page.getByTestId("attempt-row")).toHaveCount(2);

  await answerLatestPrompt(request, payment.id, "accept");
  await waitForStatus(request, payment.id, ["succeeded"]);
  await page.reload();
  await expect(page.getByTestId("payment-status")).toHaveText("Succeeded");
  await expect(page.getByTestId("attempt-status")).toHaveText(["Cancelled", "Succeeded"]);
  await expect(page.getByTestId("retry-form")).toHaveCount(0);
  await expect(page.getByTestId("payment-audit-row")).toContainText("customer tapped cancel by mistake");
  // Payment events only: once C2B URLs are registered (an earlier test does), the payment's C2B twin
  // may settle it first and is announced as c2b.received too.
  const events = await sql<{ type: string }>("SELECT type FROM webhook_events WHERE payment_id = $1 AND type LIKE 'payment.%' ORDER BY created_at, id", [payment.id]);
  expect(events.map((e) => e.type)).toEqual(["payment.cancelled", "payment.succeeded"]);
  expect(await sql("SELECT 1 FROM payment_events WHERE payment_id = $1 AND to_status = 'SUCCEEDED'", [payment.id])).toHaveLength(1);

  // Expired before M-Pesa said whether it was paid: its outcome is unknown, so no new attempt.
  const stuck = await createStuckPayment(request, uniqueReference("RTU"), 72);
  await page.goto(`/payments/${stuck.id}`);
  const expire = page.getByTestId("expire-form");
  await expire.getByLabel("Reason").fill("customer walked away");
  await expire.getByRole("button", { name: "Expire payment" }).click();
  await expect(page.getByTestId("payment-status")).toHaveText("Expired");
  await expect(page.getByTestId("attempt-status")).toHaveText(["Expired"]);
  await expect(page.getByTestId("retry-form")).toHaveCount(0);
});
