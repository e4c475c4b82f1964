import { expect, test } from "@playwright/test";
import { createPayment, secondAdmin, signIn, sql, uniqueReference, viewTestMode, waitForStatus } from "./support/dashboard";
import { demo } from "./support/stack";

// Safaricom's own sandbox number: the customer pays, and a reversal goes through.
const PAYS = "254708374149";

test("an admin requests a full refund, cannot approve it, a second admin approves, and the payment shows refunded", async ({ page, browser, request }) => {
  const payment = await createPayment(request, { amount: 83, phone: PAYS, reference: uniqueReference("RFD") });
  await waitForStatus(request, payment.id, ["succeeded"]);
  await signIn(page, demo.admin, `/payments/${payment.id}`);
  await viewTestMode(page);
  const form = page.getByTestId("request-refund-form");
  await expect(form.getByLabel(/Amount/)).toHaveValue("83");
  await form.getByLabel("Reason").fill("customer returned the goods");
  await form.getByRole("button", { name: "Request refund" }).click();
  // The page now shows the refund waiting (the form is gone: nothing is left to request).
  const refund = page.getByTestId("refund").first();
  await expect(refund).toHaveAttribute("data-status", "REQUESTED", { timeout: 20_000 });
  await expect(refund).toContainText("Waiting for approval");
  await expect(page.getByTestId("request-refund-form")).toHaveCount(0);
  // The requester has no approve button, only the word that another admin decides.
  await expect(refund.getByTestId("approve-refund-form")).toHaveCount(0);
  await expect(refund.getByTestId("refund-needs-second-admin")).toBeVisible();

  const approver = await secondAdmin();
  const context = await browser.newContext();
  const other = await context.newPage();
  // The second admin finds it on Needs attention, among the refunds waiting for an admin.
  await signIn(other, approver, "/attention");
  await viewTestMode(other);
  const waiting = other.getByTestId("attention-refunds-waiting").locator("li", { hasText: payment.reference });
  await expect(waiting).toContainText("requested");
  await waiting.getByRole("link", { name: payment.reference }).click();
  await expect(other).toHaveURL(new RegExp(`/payments/${payment.id}`));
  const approve = other.getByTestId("approve-refund-form");
  await approve.getByLabel("Reason").fill("return checked at the counter");
  await approve.getByRole("button", { name: "Approve and send" }).click();
  await expect(other.getByTestId("approve-refund-form")).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(async () => {
    await other.reload();
    return other.getByTestId("refund").first().getAttribute("data-status");
  }, { timeout: 15_000 }).toBe("SUCCEEDED");
  await expect(other.getByTestId("payment-refunded")).toHaveText("Refunded KES 83 of 83 (fully refunded).");
  await expect(other.getByTestId("request-refund-form")).toHaveCount(0);
  const events = await sql<{ type: string }>("SELECT type FROM webhook_events WHERE payment_id = $1 AND type LIKE 'refund.%' ORDER BY created_at, id", [payment.id]);
  expect(events.map((e) => e.type)).toEqual(["refund.created", "refund.succeeded"]);
  await context.close();

  // Finance users see the refund, and no refund controls.
  const financeContext = await browser.newContext();
  const financePage = await financeContext.newPage();
  await signIn(financePage, demo.finance, `/payments/${payment.id}`);
  await viewTestMode(financePage);
  await expect(financePage.getByTestId("refund").first()).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(financePage.getByTestId("request-refund-form")).toHaveCount(0);
  await financeContext.close();
});
