import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { VERIFICATION_SNIPPETS } from "@/lib/events/verification-snippets";
import { screenshot, signIn } from "./support/dashboard";
import { BASE_URL, demo } from "./support/stack";

// The reference is one long page (every operation, schema and snippet): axe alone takes half a
// minute of it on a busy two-core machine, so these tests get twice the default minute.
test.describe.configure({ timeout: 120_000 });

test("a finance user reads the API reference: the create call's fields, the error shape, webhooks, all by keyboard", async ({ page, request }) => {
  await signIn(page, demo.finance);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api-reference$/);
  await expect(page.getByTestId("api-reference-title")).toHaveText("API reference");
  await expect(page.getByTestId("base-url")).toHaveText(BASE_URL);

  const create = page.getByTestId("operation-createPayment");
  await expect(create.getByRole("heading", { level: 2 })).toHaveText("POST /api/v1/payments");
  const body = create.getByTestId("request-body");
  for (const field of ["amount", "phone", "reference"]) {
    await expect(body.locator(`[data-field="${field}"]`)).toContainText("required");
  }
  await expect(body.locator('[data-field="amount"]')).toContainText("integer");
  await expect(body.locator('[data-field="description"]')).toContainText("optional");
  await expect(create.getByTestId("parameters")).toContainText("Idempotency-Key");
  // The 201 answer is open, with the payment's fields resolved from its $ref.
  await expect(create.locator('[data-testid="response"][data-status="201"] [data-field="mpesa_receipt"]')).toBeVisible();

  // The error shape, and its example is exactly what the API answers.
  const shape = page.getByTestId("error-shape");
  for (const field of ["error", "error.type", "error.code", "error.message", "error.param"]) {
    await expect(shape.locator(`[data-field="${field}"]`)).toBeVisible();
  }
  await expect(page.getByTestId("error-codes")).toContainText("422 validation_failed");
  const example = JSON.parse((await page.getByTestId("error-example").textContent())!);
  const invalid = await request.post("/api/v1/payments", {
    headers: { Authorization: `Bearer ${demo.testApiKey}`, "Idempotency-Key": randomUUID() },
    data: { amount: 0, phone: "254708374149", reference: "DOCS1" },
  });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toEqual(example);

  const webhooks = page.getByTestId("webhooks");
  await expect(webhooks.getByTestId("webhook-event-types")).toContainText("payment.succeeded");
  await expect(webhooks.getByTestId("webhook-headers").locator('[data-field="header:Malipo-Signature"]')).toContainText("required");
  await expect(webhooks.getByTestId("webhook-envelope").locator('[data-field="data.object.status"]')).toBeVisible();

  // Keyboard: the page's table of contents jumps to an operation, and an error answer opens with Enter.
  await page.getByRole("navigation", { name: "On this page" }).getByRole("link", { name: "POST /api/v1/payments" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#op-createPayment$/);
  const unprocessable = create.locator('[data-testid="response"][data-status="422"]');
  await expect(unprocessable.locator('[data-field="error.code"]')).toBeHidden();
  await unprocessable.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(unprocessable.locator('[data-field="error.code"]')).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await screenshot(page, "api-reference");

  // The raw document the page is rendered from is one link away, and public.
  const raw = await request.get((await page.getByTestId("openapi-link").getAttribute("href"))!);
  expect(raw.status()).toBe(200);
  expect((await raw.json()).paths["/api/v1/payments"].post.operationId).toBe("createPayment");
});

test("signed out, anyone reads the API reference in a public layout: events API, verification code, no dashboard", async ({ page }) => {
  const res = await page.goto("/api-reference");
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(/\/api-reference$/);
  await expect(page.getByTestId("api-reference-title")).toHaveText("API reference");
  await expect(page.getByTestId("operation-listEvents").getByRole("heading", { level: 2 })).toHaveText("GET /api/v1/events");
  await expect(page.getByTestId("operation-getEvent")).toContainText("evt_");
  for (const snippet of VERIFICATION_SNIPPETS) {
    // The same code the README shows and the snippet tests run.
    expect(await page.getByTestId(`snippet-${snippet.language}`).textContent()).toBe(snippet.code);
  }
  // None of the dashboard: no session, no navigation, no mode switch.
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByTestId("dashboard-link")).toHaveAttribute("href", "/");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
