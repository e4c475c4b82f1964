import { expect, test } from "@playwright/test";
import { createPayment, secondAdmin, signIn, sql, uniqueReference, viewTestMode, waitForStatus } from "./support/dashboard";
import { demo } from "./support/stack";

// Safaricom's own sandbox number: the customer pays, and a B2C payment to it goes through.
const PAYS = "254708374149";

test("an admin asks for part of a payment back, a second admin approves, and B2C pays it: partly refunded, the rest still refundable", async ({ page, browser, request }) => {
  const payment = await createPayment(request, { amount: 200, phone: PAYS, reference: uniqueReference("RFB") });
  await waitForStatus(request, payment.id, ["succeeded"]);
  await signIn(page, demo.admin, `/payments/${payment.id}`);
  await viewTestMode(page);
  const form = page.getByTestId("request-refund-form");
  await expect(form.getByLabel(/Amount/)).toHaveValue("200");
  // The simulator's environment account has a B2C shortcode by default: the form says a part goes by B2C.
  await expect(form.getByTestId("refund-method-hint")).toContainText("A part (at least KES 10) is paid by B2C");
  await form.getByLabel(/Amount/).fill("50");
  await form.getByLabel("Reason").fill("one of four items returned");
  await form.getByRole("button", { name: "Request refund" }).click();
  const refund = page.getByTestId("refund").first();
  await expect(refund).toHaveAttribute("data-status", "REQUESTED", { timeout: 20_000 });
  await expect(refund.getByTestId("refund-method")).toHaveText("by B2C");
  await expect(refund.getByTestId("refund-needs-second-admin")).toBeVisible();

  const approver = await secondAdmin();
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, approver, `/payments/${payment.id}`);
  await viewTestMode(other);
  const approve = other.getByTestId("approve-refund-form");
  await approve.getByLabel("Reason").fill("return checked at the counter");
  await approve.getByRole("button", { name: "Approve and send" }).click();
  await expect(other.getByTestId("approve-refund-form")).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(async () => {
    await other.reload();
    return other.getByTestId("refund").first().getAttribute("data-status");
  }, { timeout: 15_000 }).toBe("SUCCEEDED");
  await expect(other.getByTestId("payment-refunded")).toHaveText("Refunded KES 50 of 200 (partly refunded).");
  // The rest can still be refunded, and only as a part now.
  const rest = other.getByTestId("request-refund-form");
  await expect(rest.getByLabel(/Amount/)).toHaveValue("150");
  await expect(rest.getByTestId("refund-method-hint")).toContainText("Refunds from here are parts, by B2C");
  const rows = await sql<{ method: string; status: string }>("SELECT method, status FROM refunds WHERE payment_id = $1", [payment.id]);
  expect(rows).toEqual([{ method: "b2c", status: "SUCCEEDED" }]);
  await context.close();
});
