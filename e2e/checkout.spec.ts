import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { verifyReturnUrl } from "@/lib/checkout/sign-return";
import { signIn, sql, uniqueReference } from "./support/dashboard";
import { demo, SIMULATOR_URL } from "./support/stack";

// Phone-sized, as customers open the page.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

// The simulator's "manual" number waits for the customer on its phone page; "no-response" times out (1037).
const MANUAL = "254708000012";
const NO_RESPONSE = "0708000002";
const SUCCESS = "0708374149";
// The storefront the customer returns to: answered by the test itself, never the network.
const SHOP = "http://shop.test";

interface Session { id: string; url: string; return_secret: string; payment: string | null }

async function createSession(request: APIRequestContext, reference: string, amount = 120): Promise<Session> {
  const res = await request.post("/api/v1/checkout/sessions", {
    headers: { Authorization: `Bearer ${demo.testApiKey}`, "Idempotency-Key": randomUUID() },
    data: { amount, reference, return_url: `${SHOP}/thanks?order=${reference}`, cancel_url: `${SHOP}/cart` },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Session;
}

async function serveShop(page: Page) {
  await page.route(`${SHOP}/**`, (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><html lang=en><title>Shop</title><h1>Back at the shop</h1></html>" }));
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The latest prompt of the session's payment, answered on the simulator's phone page as the customer would. */
async function answerPrompt(request: APIRequestContext, sessionId: string, action: "accept" | "cancel") {
  let checkout: string | null = null;
  await expect.poll(async () => {
    const [row] = await sql<{ checkout_request_id: string | null }>(
      "SELECT a.checkout_request_id FROM payment_attempts a JOIN checkout_sessions s ON s.payment_id = a.payment_id WHERE s.id = $1 ORDER BY a.sequence DESC LIMIT 1", [sessionId]);
    checkout = row?.checkout_request_id ?? null;
    return checkout;
  }).not.toBeNull();
  const res = await request.post(`${SIMULATOR_URL}/phone/${MANUAL}/${checkout}/${action}`, { form: action === "accept" ? { pin: "1234" } : {}, maxRedirects: 0 });
  expect(res.status()).toBe(303);
}

function expectSignedReturn(url: string, session: Session, status: string) {
  const verified = verifyReturnUrl(url, session.return_secret, { now: new Date() });
  expect(verified).toMatchObject({ ok: true, result: { sessionId: session.id, status } });
  expect(url).not.toContain("254708");
  return verified;
}

test("a checkout from session creation to a signed return after the customer pays", async ({ page, request }) => {
  await serveShop(page);
  const session = await createSession(request, uniqueReference("CO"));
  await page.goto(session.url);
  await expect(page.getByTestId("merchant-name")).not.toBeEmpty();
  await expect(page.getByTestId("checkout-amount")).toHaveText("KES 120");
  await expectNoAxeViolations(page);
  await page.getByLabel("M-Pesa phone number").fill(MANUAL);
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  expect(page.url()).not.toContain("2547");
  await expectNoAxeViolations(page);

  await answerPrompt(request, session.id, "accept");
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 15_000 });
  // The page sends the customer back by itself, with the signed result.
  await page.waitForURL(`${SHOP}/thanks**`, { timeout: 15_000 });
  const verified = expectSignedReturn(page.url(), session, "succeeded");
  const [payment] = await sql<{ id: string; status: string }>("SELECT p.id, p.status FROM payments p JOIN checkout_sessions s ON s.payment_id = p.id WHERE s.id = $1", [session.id]);
  expect(payment).toEqual({ id: verified.ok ? verified.result.paymentId : null, status: "SUCCEEDED" });
});

test("a cancellation on the phone returns the customer to the cancel URL with a signed result, in Swahili", async ({ page, request }) => {
  await serveShop(page);
  const session = await createSession(request, uniqueReference("CC"));
  await page.goto(session.url);
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { name: "Lipa kwa M-Pesa" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Nambari ya simu ya M-Pesa").fill(MANUAL);
  await page.getByRole("button", { name: /^Lipa/ }).click();
  await expect(page.getByRole("heading", { name: "Angalia simu yako" })).toBeVisible();
  await answerPrompt(request, session.id, "cancel");
  await expect(page.getByRole("heading", { name: "Umeghairi malipo" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("button", { name: "Tuma ujumbe tena" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByTestId("return-link").click();
  await page.waitForURL(`${SHOP}/cart**`);
  expectSignedReturn(page.url(), session, "cancelled");
});

test("after a timeout the customer sends the prompt again: a second attempt of the same payment, never two live", async ({ page, request }) => {
  await serveShop(page);
  const session = await createSession(request, uniqueReference("CT"));
  await page.goto(session.url);
  await page.getByLabel("M-Pesa phone number").fill(NO_RESPONSE);
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByRole("heading", { name: "The prompt timed out" })).toBeVisible({ timeout: 20_000 });
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send the prompt again" }).click();
  // While attempt 2 is live there is no button; it times out too, and the button is back.
  await expect(page.getByRole("button", { name: "Send the prompt again" })).toBeVisible({ timeout: 20_000 });
  const attempts = await sql<{ sequence: number; status: string }>(
    "SELECT a.sequence, a.status FROM payment_attempts a JOIN checkout_sessions s ON s.payment_id = a.payment_id WHERE s.id = $1 ORDER BY a.sequence", [session.id]);
  expect(attempts).toEqual([{ sequence: 1, status: "FAILED" }, { sequence: 2, status: "FAILED" }]);
  expect(await sql("SELECT 1 FROM payments WHERE metadata->>'checkout_session' = $1", [session.id])).toHaveLength(1);
  await page.getByTestId("return-link").click();
  await page.waitForURL(`${SHOP}/cart**`);
  expectSignedReturn(page.url(), session, "failed");
});

test("a payment link made in the dashboard and used twice makes two payments", async ({ browser, page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, demo.admin, "/storefronts");
  await page.getByTestId("manage-links-link").first().click();
  await expect(page.getByTestId("payment-links-title")).toBeVisible();
  const form = page.getByTestId("payment-link-form");
  const prefix = `L${Math.floor(Math.random() * 36 ** 4).toString(36).toUpperCase()}`;
  await form.getByLabel("Title (shown to the customer)").fill(`Tickets ${prefix}`);
  await form.getByLabel(/^Fixed amount/).fill("75");
  await form.getByLabel(/^Reference prefix/).fill(prefix);
  await form.getByRole("button", { name: "Create link" }).click();
  await expect(form).toContainText("Created the link");
  const card = page.getByTestId("payment-link-row").filter({ hasText: `reference ${prefix}` });
  const linkUrl = (await card.getByTestId("payment-link-url").textContent())!;

  const customerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const customer = await customerContext.newPage();
  for (let use = 0; use < 2; use += 1) {
    await customer.goto(linkUrl);
    await expect(customer.getByTestId("link-title")).toHaveText(`Tickets ${prefix}`);
    if (use === 0) await expectNoAxeViolations(customer);
    await customer.getByRole("button", { name: "Continue" }).click();
    await customer.getByLabel("M-Pesa phone number").fill(SUCCESS);
    await customer.getByRole("button", { name: /^Pay/ }).click();
    await expect(customer.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 20_000 });
  }
  const payments = await sql<{ id: string; status: string; amount: number }>(
    "SELECT p.id, p.status, p.amount FROM payments p JOIN checkout_sessions s ON s.payment_id = p.id JOIN payment_links l ON l.id = s.payment_link_id WHERE l.reference_prefix = $1", [prefix]);
  expect(payments).toHaveLength(2);
  expect(payments.every((p) => p.status === "SUCCEEDED" && p.amount === 75)).toBe(true);
  await page.reload();
  await expect(page.getByTestId("payment-link-row").filter({ hasText: `reference ${prefix}` })).toContainText("2 uses");
  await customerContext.close();
});

test("the basic flow works without JavaScript: form posts, a refresh while waiting, and the return", async ({ browser, request }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await serveShop(page);
  const session = await createSession(request, uniqueReference("CN"));
  await page.goto(session.url);
  await page.getByLabel("M-Pesa phone number").fill(MANUAL);
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByRole("heading", { name: "Check your phone" })).toBeVisible();
  await answerPrompt(request, session.id, "accept");
  // The refresh tag reloads the page until the payment is final, then it goes back to the shop.
  await page.waitForURL(`${SHOP}/thanks**`, { timeout: 30_000 });
  expectSignedReturn(page.url(), session, "succeeded");
  await context.close();
});
