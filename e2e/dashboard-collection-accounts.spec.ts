import { expect, test } from "@playwright/test";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { createPayment, signIn, sql, uniqueReference, viewTestMode, waitForStatus } from "./support/dashboard";
import { demo, SIMULATOR_URL } from "./support/stack";

// The till the stack's simulator knows besides the sandbox (SIMULATOR_EXTRA_ACCOUNTS in support/stack.ts).
const TILL = { key: "e2e-till-consumer-key", secret: "e2e-till-consumer-secret", store: "600300", passkey: "e2e-till-passkey", till: "5123456" };

test("an admin sets up a till account for test mode, tests its connection, and a payment made on it shows it", async ({ page, request }) => {
  // The demo storefront is the one the demo test key belongs to.
  const first = await createPayment(request, { amount: 5, phone: scenarioPhone("success"), reference: uniqueReference("ACF") });
  const [{ storefront_id: storefrontId }] = (await sql<{ storefront_id: string }>("SELECT storefront_id FROM payments WHERE id = $1", [first.id])) as [{ storefront_id: string }];

  await signIn(page, demo.admin, "/storefronts");
  await page.locator(`[data-testid="storefront-card"]:has(a[href="/storefronts/${storefrontId}/accounts"])`).getByTestId("manage-accounts-link").click();
  await expect(page.getByTestId("collection-accounts-title")).toBeVisible();
  // The environment's account was bootstrapped at start.
  await expect(page.getByTestId("collection-account").filter({ hasText: "in the environment" }).first()).toBeVisible();

  const name = `Till ${uniqueReference("")}`;
  const form = page.getByTestId("add-account-form");
  await form.getByLabel("Mode", { exact: true }).selectOption("TEST");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Environment", { exact: true }).selectOption("simulator");
  await form.getByLabel("Kind", { exact: true }).selectOption("till");
  await form.getByLabel("Shortcode (paybill, or the till's store number)", { exact: true }).fill(TILL.store);
  await form.getByLabel("Till number (tills only)", { exact: true }).fill(TILL.till);
  await form.getByLabel("Consumer key", { exact: true }).fill(TILL.key);
  await form.getByLabel("Consumer secret", { exact: true }).fill(TILL.secret);
  await form.getByLabel("Passkey (Lipa na M-Pesa Online)", { exact: true }).fill(TILL.passkey);
  await form.getByLabel("Reason", { exact: true }).fill("the shop's new till");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form).toContainText(`Added ${name}`);

  const card = page.getByTestId("collection-account").and(page.locator(`[data-name="${name}"]`));
  await expect(card).toContainText(`Till ${TILL.till} (store ${TILL.store})`);
  // Secrets are masked after saving: only the key's last four characters are shown.
  await expect(card).toContainText(`••••${TILL.key.slice(-4)}`);
  expect(await page.content()).not.toContain(TILL.secret);
  expect(await page.content()).not.toContain(TILL.passkey);

  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByTestId("test-account-form")).toContainText("Connection works");
  await expect(card.getByTestId("account-last-test")).toContainText("Works");
  const accountId = await card.getAttribute("data-account-id");
  expect(accountId).toMatch(/^acct_/);

  const res = await request.post("/api/v1/payments", {
    headers: { Authorization: `Bearer ${demo.testApiKey}` },
    data: { amount: 75, phone: scenarioPhone("success"), reference: uniqueReference("TIL"), collection_account: accountId },
  });
  expect(res.status(), await res.text()).toBe(201);
  const payment = (await res.json()) as { id: string; checkout_request_id: string };
  const pushes = (await (await request.get(`${SIMULATOR_URL}/__sim/pushes?checkoutRequestId=${payment.checkout_request_id}`)).json()) as { pushes: { consumerKey: string; request: Record<string, unknown> }[] };
  expect(pushes.pushes[0]).toMatchObject({ consumerKey: TILL.key, request: { businessShortCode: TILL.store, partyB: TILL.till, transactionType: "CustomerBuyGoodsOnline" } });

  // The till's callback settles it like any other.
  await waitForStatus(request, payment.id, ["succeeded"]);
  await page.goto(`/payments/${payment.id}`);
  await viewTestMode(page);
  await expect(page.getByTestId("payment-account")).toHaveText(`${name} (${accountId})`);
  await expect(page.getByTestId("payment-status")).toHaveText("Succeeded");

  const audit = await sql<{ action: string; actor_email: string }>("SELECT action, actor_email FROM audit_logs WHERE entity_id = $1 ORDER BY id", [accountId]);
  expect(audit).toEqual([{ action: "collection_account.create", actor_email: demo.admin.email }, { action: "collection_account.test", actor_email: demo.admin.email }]);
});
