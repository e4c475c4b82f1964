import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addEatDays, eatDateOf } from "@/lib/time/eat";
import { createPayment, sql, signIn, uniqueReference, viewTestMode, waitForStatus, type ApiPayment } from "./support/dashboard";
import { BASE_URL, demo, SIMULATOR_URL } from "./support/stack";

// Finance staff's everyday comforts: the customer page, copy buttons, relative times, rows that
// refresh themselves, date presets, saved views, "/" for search, and a layout that reads on a phone.

// A number of this run only (the simulator pays unlisted numbers), so the customer's figures are ours.
const CUSTOMER = `2547${String(10_000_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 8)}`;
const CUSTOMER_LOCAL = `0${CUSTOMER.slice(3)}`;
let first: ApiPayment;
let second: ApiPayment;

test.beforeAll(async ({ request }) => {
  const a = await createPayment(request, { amount: 1_200, phone: CUSTOMER, reference: uniqueReference("CUS") });
  const b = await createPayment(request, { amount: 345, phone: CUSTOMER, reference: uniqueReference("CUS") });
  first = await waitForStatus(request, a.id, ["succeeded"]);
  second = await waitForStatus(request, b.id, ["succeeded"]);
});

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

const row = (page: Page, reference: string) => page.getByTestId("table-row").filter({ hasText: reference });

test("a customer's page shows the number's payments, totals and last seen, in the dashboard's mode, with no phone number in any URL", async ({ page }) => {
  // Two modes, two pages and two accessibility scans: more than the default on a loaded machine.
  test.setTimeout(150_000);
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  // The same number in live mode: the test-mode page must not count it.
  const [shop] = await sql<{ storefront_id: string }>("SELECT storefront_id FROM payments WHERE id = $1", [first.id]);
  const liveReference = uniqueReference("LIVE");
  await sql(`INSERT INTO payments (id, storefront_id, mode, status, amount, phone, reference, expires_at, created_at, updated_at, completed_at)
             VALUES ($1, $2, 'LIVE', 'SUCCEEDED', 5000, $3, $4, now(), now(), now(), now())`, [`pay_e2elive${Date.now()}`, shop!.storefront_id, CUSTOMER, liveReference]);

  await signIn(page, demo.finance, "/payments");
  await viewTestMode(page);
  await page.getByLabel("Search").fill(first.reference);
  await page.getByTestId("apply-filters").click();
  await expect(page.getByTestId("table-row")).toHaveCount(1);
  await row(page, first.reference).getByTestId("customer-link").click();

  await expect(page).toHaveURL(new RegExp(`/customers/${first.id}$`));
  await expect(page.getByTestId("customer-phone")).toHaveText(`+254 ${CUSTOMER.slice(3, 6)} ${CUSTOMER.slice(6, 9)} ${CUSTOMER.slice(9)}`);
  await expect(page.getByTestId("customer-paid")).toContainText(`KES ${(1_200 + 345).toLocaleString("en-US")}`);
  await expect(page.getByTestId("customer-paid")).toContainText("2 of 2 payments succeeded");
  await expect(page.getByTestId("customer-payments")).toContainText("2 succeeded");
  await expect(page.getByTestId("customer-last-seen").getByTestId("relative-time")).toHaveText(/ago\)$|just now\)$/);
  await expect(page.getByTestId("payments-table")).toContainText(first.reference);
  await expect(page.getByTestId("payments-table")).toContainText(second.reference);
  await expect(page.getByTestId("payments-table")).not.toContainText(liveReference);
  await expect(page).toHaveTitle(/^Customer/);
  await expectNoSeriousViolations(page);

  // Live mode: the same customer, its live payment only.
  await page.getByTestId("mode-switch").click();
  await expect(page.getByTestId("current-mode")).toHaveText("Viewing live data");
  await expect(page.getByTestId("customer-paid")).toContainText("KES 5,000");
  await expect(page.getByTestId("customer-payments")).toContainText("1 succeeded");
  await expect(page.getByTestId("payments-table")).toContainText(liveReference);
  await expect(page.getByTestId("payments-table")).not.toContainText(first.reference);
  await page.getByTestId("mode-switch").click();
  await expect(page.getByTestId("test-banner")).toBeVisible();

  // The detail page links to the same customer; an unknown or phone-shaped address is not found.
  await page.goto(`/payments/${second.id}`);
  await page.getByTestId("customer-page-link").click();
  await expect(page.getByTestId("customer-paid")).toContainText("2 of 2 payments succeeded");
  for (const address of [CUSTOMER, "pay_doesnotexist0000"]) {
    await page.goto(`/customers/${address}`);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.getByTestId("customer-figures")).toHaveCount(0);
  }
  const leaks = urls.filter((u) => !u.includes(`/customers/${CUSTOMER}`) && (u.includes(CUSTOMER) || u.includes(CUSTOMER_LOCAL) || u.includes(CUSTOMER.slice(3))));
  expect(leaks).toEqual([]);
});

test("copy buttons put ids on the clipboard and say so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
  await signIn(page, demo.finance, `/payments?q=${first.reference}`);
  await viewTestMode(page);
  const copyId = row(page, first.reference).getByRole("button", { name: `Copy payment id ${first.id}` });
  await copyId.click();
  await expect(copyId).toHaveAttribute("data-state", "copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first.id);
  await expect(page.getByRole("status").filter({ hasText: `Copied payment id ${first.id}` })).toHaveCount(1);
  await expect(copyId).toHaveAttribute("data-state", "idle", { timeout: 5_000 });
  // The id still reads as the id alone (the button adds no text).
  await expect(row(page, first.reference).locator("td").last()).toHaveText(first.id);

  await row(page, first.reference).getByRole("link", { name: first.reference }).click();
  await expect(page.getByTestId("payment-receipt")).toHaveText(first.mpesa_receipt!);
  await page.getByRole("button", { name: "Copy M-Pesa receipt" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first.mpesa_receipt);
  await page.getByRole("button", { name: "Copy CheckoutRequestID" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^ws_CO_/);
});

test("relative times stand beside the EAT times and move on with the browser's clock", async ({ page }) => {
  // The browser's clock starts ten seconds after the payment was made, whatever the wall clock says.
  await page.clock.install({ time: new Date(new Date(first.created_at).getTime() + 10_000) });
  await signIn(page, demo.finance, `/payments/${first.id}`);
  await viewTestMode(page);
  const created = page.getByTestId("payment-title").locator("..").getByTestId("relative-time");
  await expect(created).toHaveText("(just now)");
  await page.clock.fastForward("05:00");
  await expect(created).toHaveText("(5 min ago)");
  await page.clock.fastForward("03:00:00");
  await expect(created).toHaveText("(3 h ago)");
  // The exact EAT time is still there, UTC on hover.
  await expect(page.getByTestId("payment-title").locator("..").locator("time")).toHaveAttribute("title", / UTC$/);
});

test("pending rows refresh by themselves from a small JSON endpoint, and the refresh stops when none waits", async ({ page, request }) => {
  // The simulator's "manual" number waits for someone to answer the prompt on its phone page.
  const waiting = await createPayment(request, { amount: 61, phone: "254708000012", reference: uniqueReference("LIV") });
  const checkoutId = (await waitForStatus(request, waiting.id, ["pending"]) as ApiPayment & { checkout_request_id: string }).checkout_request_id;
  const polls: string[] = [];
  page.on("request", (r) => { if (r.url().includes("/api/dashboard/payment-rows")) polls.push(r.url()); });
  await signIn(page, demo.finance, `/payments?q=${waiting.reference}`);
  await viewTestMode(page);
  await expect(row(page, waiting.reference)).toContainText("Pending");
  await expect(page.getByTestId("live-refresh")).toContainText("Watching 1 payment");
  await page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });
  await expect.poll(() => polls.length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(polls[0]).toContain(`ids=${waiting.id}`);

  const answer = await request.post(`${SIMULATOR_URL}/phone/254708000012/${checkoutId}/accept`, { form: { pin: "1234" } });
  expect(answer.status()).toBeLessThan(400);
  await expect(row(page, waiting.reference)).toContainText("Succeeded", { timeout: 25_000 });
  await expect(row(page, waiting.reference).locator("td").nth(5)).toHaveText(/^[A-Z0-9]{10}$/);
  await expect(page.getByTestId("live-announcement")).toHaveText(`${waiting.reference} is now Succeeded`);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expect(page.getByTestId("live-refresh")).toHaveCount(0);
  // Nothing waits any more: no further request, across more than two of the shortest intervals.
  const asked = polls.length;
  await page.waitForTimeout(5_000);
  expect(polls.length).toBe(asked);

  // The endpoint: the signed-in user's rows in the named mode; nobody else's; bad ids refused.
  const mine = await page.request.get(`/api/dashboard/payment-rows?ids=${waiting.id}&mode=test`);
  expect(mine.status()).toBe(200);
  expect(((await mine.json()) as { data: { id: string; status: string }[] }).data).toMatchObject([{ id: waiting.id, status: "SUCCEEDED" }]);
  expect(((await (await page.request.get(`/api/dashboard/payment-rows?ids=${waiting.id}&mode=live`)).json()) as { data: unknown[] }).data).toEqual([]);
  expect((await request.get(`/api/dashboard/payment-rows?ids=${waiting.id}`)).status()).toBe(401);
  const bad = await page.request.get("/api/dashboard/payment-rows?ids=254712345678");
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
});

test("date presets set EAT days, and saved views are the user's own, named, relative and deletable", async ({ page, browser }) => {
  // Two users signing in, and a view saved, opened and deleted.
  test.setTimeout(150_000);
  const name = `Paid today ${Date.now().toString(36)}`;
  await signIn(page, demo.finance, "/payments");
  await viewTestMode(page);
  await page.getByTestId("preset-today").click();
  await expect(page.getByTestId("preset-today")).toHaveAttribute("aria-current", "true");
  const today = new URL(page.url()).searchParams.get("from")!;
  expect(new URL(page.url()).searchParams.get("to")).toBe(today);
  // The server's EAT day: the payment's own, or the next one if the run crossed midnight since.
  expect([eatDateOf(new Date(first.created_at)), addEatDays(eatDateOf(new Date(first.created_at)), 1)]).toContain(today);
  await expect(page.getByTestId("preset-yesterday")).toHaveAttribute("href", new RegExp(`from=${addEatDays(today, -1)}&to=${addEatDays(today, -1)}`));
  await expect(page.getByTestId("preset-this_month")).toHaveAttribute("href", new RegExp(`from=${today.slice(0, 8)}01&to=${today}`));
  const week = new URL(await page.getByTestId("preset-this_week").getAttribute("href") ?? "", BASE_URL).searchParams;
  expect(new Date(`${week.get("from")}T12:00:00Z`).getUTCDay()).toBe(1);
  expect(week.get("to")).toBe(today);

  // A preset keeps the other filters; the view saved on it keeps "today" moving with the calendar.
  await page.getByRole("checkbox", { name: "Succeeded" }).check();
  await page.getByTestId("apply-filters").click();
  await expect(page).toHaveURL(/status=SUCCEEDED/);
  await page.getByTestId("preset-today").click();
  await expect(page).toHaveURL(new RegExp(`status=SUCCEEDED.*from=${today}`));
  await page.getByLabel("View name").fill(name);
  await expect(page.getByRole("checkbox", { name: "Keep the dates relative (today)" })).toBeChecked();
  await page.getByTestId("save-view").click();
  await expect(page.getByTestId("saved-views-result")).toContainText(`Saved the view “${name}”`);
  const chip = page.getByTestId("saved-view").filter({ hasText: name });
  await expect(chip).toContainText("Today");
  expect(await sql("SELECT query, date_preset FROM saved_views WHERE name = $1", [name])).toEqual([{ query: "status=SUCCEEDED", date_preset: "today" }]);

  await page.goto("/payments");
  await chip.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`status=SUCCEEDED&from=${today}&to=${today}$`));
  await expect(chip.getByRole("link")).toHaveAttribute("aria-current", "true");

  // Another user does not see it.
  const adminContext = await browser.newContext({ baseURL: BASE_URL });
  const admin = await adminContext.newPage();
  await signIn(admin, demo.admin, "/payments");
  await expect(admin.getByTestId("saved-views")).toBeVisible();
  await expect(admin.getByTestId("saved-view").filter({ hasText: name })).toHaveCount(0);
  await adminContext.close();

  await chip.getByRole("button", { name: `Delete view ${name}` }).click();
  await expect(page.getByTestId("saved-views-result")).toContainText(`Deleted the view “${name}”`);
  await expect(chip).toHaveCount(0);
  expect(await sql("SELECT 1 FROM saved_views WHERE name = $1", [name])).toEqual([]);
});

test("/ puts the cursor in the search box, but not while typing elsewhere", async ({ page }) => {
  await signIn(page, demo.finance, "/payments");
  const search = page.getByLabel("Search");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  await expect(search).toHaveValue("");
  await page.keyboard.type("INV/1");
  await expect(search).toHaveValue("INV/1");
  await page.keyboard.press("Escape");
  await expect(search).not.toBeFocused();

  await page.getByLabel("View name").fill("a/b");
  await expect(page.getByLabel("View name")).toHaveValue("a/b");
  await expect(search).not.toBeFocused();
  await page.getByLabel("View name").fill("");

  // From a page without a search box, "/" opens the payments search.
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("overview-title")).toBeVisible();
  await page.keyboard.press("/");
  await expect(page).toHaveURL(/\/payments$/);
  await expect(page.getByLabel("Search")).toBeFocused();
});

test("on a phone the payments table reads as cards of labelled lines, with nothing off the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, demo.finance, `/payments?q=${first.reference}`);
  await viewTestMode(page);
  const cells = row(page, first.reference).locator("td");
  await expect(cells).toHaveCount(10);
  const boxes = await cells.evaluateAll((tds) => tds.map((td) => {
    const r = td.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, label: getComputedStyle(td, "::before").content };
  }));
  expect(boxes.map((b) => b.label)).toEqual(['"Created (EAT)"', '"Status"', '"Amount"', '"Phone"', '"Reference"', '"Receipt"', '"Storefront"', '"Currency"', '"Provider"', '"Payment id"']);
  for (const b of boxes) {
    expect(b.left).toBeGreaterThanOrEqual(0);
    expect(b.right).toBeLessThanOrEqual(390);
  }
  // One line under the other, not side by side.
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top).toBeGreaterThan(boxes[i - 1]!.top);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Sorting stays at hand.
  await expect(page.getByRole("button", { name: /Amount/ })).toBeVisible();
  await expectNoSeriousViolations(page);

  await row(page, first.reference).getByTestId("customer-link").click();
  await expect(page.getByTestId("customer-figures")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousViolations(page);
});
