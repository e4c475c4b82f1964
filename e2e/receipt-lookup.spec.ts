import { expect, test } from "@playwright/test";
import { createPayment, signIn, sql, uniqueReference, viewTestMode, waitForStatus } from "./support/dashboard";
import { demo } from "./support/stack";

// Safaricom's own sandbox number: the customer pays and the callback brings the receipt.
const PAYS = "254708374149";

test("finance looks up a payment's receipt at M-Pesa from its page: asked, audited, and answered into the ledger", async ({ page, request }) => {
  const payment = await createPayment(request, { amount: 64, phone: PAYS, reference: uniqueReference("TSL") });
  const paid = await waitForStatus(request, payment.id, ["succeeded"]);
  await signIn(page, demo.finance, `/payments/${payment.id}`);
  await viewTestMode(page);

  const form = page.getByTestId("receipt-lookup-form");
  // The form starts from the receipt the payment holds.
  await expect(form.getByLabel("M-Pesa receipt")).toHaveValue(String(paid.mpesa_receipt));
  await form.getByLabel("Reason").fill("customer asks whether M-Pesa has it");
  await form.getByRole("button", { name: "Ask M-Pesa" }).click();
  await expect(form).toContainText(`Asked M-Pesa about ${paid.mpesa_receipt}`);

  await expect.poll(async () => {
    await page.reload();
    return page.getByTestId("receipt-lookup").first().getAttribute("data-state");
  }, { timeout: 15_000 }).toBe("ANSWERED");
  const lookup = page.getByTestId("receipt-lookup").first();
  await expect(lookup.getByTestId("receipt-lookup-summary")).toContainText(`receipt ${paid.mpesa_receipt} is Completed: KES 64 from 2547****149`);
  await expect(lookup).toContainText(demo.finance.email);
  const [line] = await sql<{ sources: string[] }>("SELECT sources FROM ledger_lines WHERE receipt = $1", [paid.mpesa_receipt]);
  expect(line?.sources).toContain("transaction_status");
  expect(await sql("SELECT 1 FROM audit_logs WHERE action = 'transaction_status.request' AND entity_id = $1", [payment.id])).toHaveLength(1);

  // A receipt that is no receipt is refused in the form, with nothing asked.
  await form.getByLabel("M-Pesa receipt").fill("nope");
  await form.getByLabel("Reason").fill("typo");
  await form.getByRole("button", { name: "Ask M-Pesa" }).click();
  expect(await form.getByLabel("M-Pesa receipt").evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(false);
  await page.reload();
  await expect(page.getByTestId("receipt-lookup")).toHaveCount(1);
});
