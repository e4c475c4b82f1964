import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createStuckPayment, screenshot, signIn, sql, uniqueReference, viewTestMode } from "./support/dashboard";
import { BASE_URL, demo } from "./support/stack";

// The API reference is not among them: it documents a public API and is read signed out (dashboard-api-reference.spec.ts).
const DASHBOARD_ROUTES = [
  "/", "/payments", "/payments/pay_doesnotexist", "/attention", "/callbacks", "/callbacks/1", "/audit", "/storefronts",
  "/storefronts/sf_doesnotexist/webhooks/we_doesnotexist", "/settings/alerts", "/users", "/forbidden",
];

test("every dashboard route sends a signed-out visitor to sign in, and the export refuses them", async ({ page, request }) => {
  for (const path of DASHBOARD_ROUTES) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page, path).toHaveURL(/\/login\?callbackUrl=/);
    await expect(page.getByTestId("login-form")).toBeVisible();
  }
  const exported = await request.get("/api/exports/payments?mode=test");
  expect(exported.status()).toBe(401);
  expect((await exported.json()).error.code).toBe("unauthenticated");
  expect(await exported.text()).not.toContain("pay_");
});

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await screenshot(page, "sign-in");
});

test("repeated wrong passwords are throttled with a clear message", async ({ page }) => {
  // Its own address-book entry: the demo accounts other tests sign in with stay usable.
  const email = "throttle-e2e@malipo.local";
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
    await page.reload();
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-password-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Too many failed attempts. Wait a few minutes and try again.");
});

/**
 * The expire form's fields exactly as the server rendered them for an admin, before hydration:
 * React's progressive-enhancement inputs carry the server action's id and bound state.
 */
async function expireFormFields(page: Page, paymentId: string): Promise<Record<string, string>> {
  const html = await (await page.request.get(`/payments/${paymentId}`)).text();
  const form = /<form[^>]*data-testid="expire-form"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
  expect(form, "the admin sees the expire form").toBeTruthy();
  const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#x27;/g, "'");
  const fields: Record<string, string> = {};
  for (const m of form!.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) fields[unescape(m[1]!)] = unescape(m[2] ?? "");
  return fields;
}

async function contextFor(browser: Browser, who: { email: string; password: string } | null) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  if (who) await signIn(await context.newPage(), who);
  return context;
}

test("the expire action posted directly as a finance user or signed out is refused and changes nothing", async ({ page, request, browser }) => {
  const target = await createStuckPayment(request, uniqueReference("SEC"), 41);
  const control = await createStuckPayment(request, uniqueReference("CTL"), 42);
  await signIn(page, demo.admin, `/payments/${target.id}`);
  const fields: Record<string, string> = { ...(await expireFormFields(page, target.id)), reason: "posted directly" };
  expect(fields.paymentId).toBe(target.id);
  expect(Object.keys(fields).some((k) => k.startsWith("$ACTION"))).toBe(true);
  const post = (ctx: { request: typeof request }, paymentId: string) =>
    ctx.request.post(`/payments/${paymentId}`, { multipart: { ...fields, paymentId }, headers: { Origin: BASE_URL }, maxRedirects: 0 });

  for (const who of [demo.finance, null]) {
    const ctx = await contextFor(browser, who);
    const res = await post(ctx, target.id);
    expect(res.status()).toBeLessThan(500);
    await ctx.close();
  }
  const [row] = await sql<{ status: string }>("SELECT status::text FROM payments WHERE id = $1", [target.id]);
  expect(row!.status).toBe("PENDING");
  expect(await sql("SELECT 1 FROM audit_logs WHERE entity_id = $1", [target.id])).toHaveLength(0);
  expect(await sql("SELECT 1 FROM payment_events WHERE payment_id = $1 AND source = 'admin'", [target.id])).toHaveLength(0);

  // The same request as an admin does reach the action: the refusals above were the guard, not a bad request.
  const adminCtx = await contextFor(browser, demo.admin);
  await post(adminCtx, control.id);
  await adminCtx.close();
  await expect.poll(async () => (await sql<{ status: string }>("SELECT status::text FROM payments WHERE id = $1", [control.id]))[0]!.status).toBe("EXPIRED");
});

test("a reference and a raw callback holding <script> are shown as text and never run", async ({ page }) => {
  const [sf] = await sql<{ id: string }>("SELECT id FROM storefronts ORDER BY created_at LIMIT 1");
  const id = `pay_xss${Date.now()}`;
  const reference = "<script>window.__xss=1</script>";
  // Not JSON: a body that cannot be parsed is kept and shown exactly as it came.
  const body = '<script>window.__xss=2</script><img src=x onerror="window.__xss=3">';
  await sql(`INSERT INTO payments (id, storefront_id, mode, status, amount, phone, reference, expires_at, updated_at)
             VALUES ($1, $2, 'TEST', 'FAILED', 10, '254700000001', $3, now(), now())`, [id, sf!.id, reference]);
  const [log] = await sql<{ id: string }>(`INSERT INTO callback_logs (token, payment_id, body, headers, source_ip, ip_allowed, token_valid, outcome)
             VALUES ('t', $1, $2, '{}', '127.0.0.1', true, true, 'INVALID') RETURNING id::text`, [id, body]);
  const dialogs: string[] = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });

  await signIn(page, demo.finance, `/payments/${id}`);
  await expect(page.getByTestId("payment-reference")).toHaveText(reference);
  await expect(page.getByTestId("callback-entry")).toContainText("<script>window.__xss=2</script>");
  await page.goto(`/callbacks/${log!.id}`);
  await expect(page.getByTestId("callback-title")).toBeVisible();
  await expect(page.getByLabel(`Raw body of callback ${log!.id}`)).toContainText('<img src=x onerror="window.__xss=3">');
  await viewTestMode(page);
  await page.goto(`/payments?q=${encodeURIComponent("<script>")}`);
  await expect(page.getByTestId("payments-table")).toContainText(reference);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(dialogs).toEqual([]);
});
