import { expect, test, type Browser, type Page } from "@playwright/test";
import { totpCode } from "@/lib/auth/totp";
import { screenshot, signIn, sql } from "./support/dashboard";
import { BASE_URL, demo } from "./support/stack";

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL });
  return context.newPage();
}

async function fillSignIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin changes their password, turns on two-factor sign-in, and then needs the code to sign in", async ({ page, browser }) => {
  const email = `totp-admin-${Date.now().toString(36)}@malipo.local`;
  const [first, second] = ["first password 0001", "second password 0002"];

  // A new admin, made the way an admin makes one.
  await signIn(page, demo.admin, "/users");
  const create = page.getByTestId("create-user-form");
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Name").fill("Totp Admin");
  await create.getByLabel("Role").selectOption("ADMIN");
  await create.getByLabel(/Initial password/).fill(first);
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByTestId("action-result")).toHaveAttribute("data-status", "success");
  try {
    await changePasswordAndSignInWithCode(browser, email, first, second);
  } finally {
    // Other specs rely on the demo admin being the last active admin.
    await sql("UPDATE users SET disabled = true WHERE email = $1", [email]);
  }
});

async function changePasswordAndSignInWithCode(browser: Browser, email: string, first: string, second: string) {
  const me = await newPage(browser);
  const elsewhere = await newPage(browser);
  await signIn(me, { email, password: first }, "/account");
  await signIn(elsewhere, { email, password: first });

  // The password: the current one is required; the change signs the other browser out.
  const change = me.getByTestId("change-password-form");
  await change.getByLabel("Current password").fill("not my password");
  await change.getByLabel(/^New password \(12/).fill(second);
  await change.getByLabel("New password again").fill(second);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByTestId("action-result")).toContainText("Your current password is not right.");
  await change.getByLabel("Current password").fill(first);
  await change.getByLabel(/^New password \(12/).fill(second);
  await change.getByLabel("New password again").fill(second);
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByTestId("action-result")).toHaveText("Password changed. 1 other session was signed out.");
  await elsewhere.goto("/payments");
  await expect(elsewhere).toHaveURL(/\/login\?callbackUrl=/);
  const [audit] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM audit_logs WHERE action = 'user.password_change' AND actor_email = $1", [email]);
  expect(audit!.n).toBe(1);

  // Two-factor sign-in: scan (here: read the key), confirm with a code, keep the recovery codes.
  await me.getByTestId("start-two-factor-form").getByRole("button").click();
  const key = (await me.getByTestId("totp-key").textContent())!.replace(/\s+/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await expect(me.getByTestId("totp-uri")).toHaveText(new RegExp(`^otpauth://totp/Malipo:.*secret=${key}`), { useInnerText: false });
  await expect(me.getByAltText("QR code for your authenticator app")).toBeVisible();
  await screenshot(me, "two-factor-enrolment");
  const confirm = me.getByTestId("confirm-two-factor-form");
  await confirm.getByLabel("Code from the app").fill(totpCode(key, new Date()));
  await confirm.getByRole("button", { name: "Turn on" }).click();
  await expect(confirm.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await me.reload();
  await expect(me.getByTestId("two-factor-on")).toContainText("10 recovery codes left");
  await me.getByRole("button", { name: "Sign out" }).click();
  await expect(me).toHaveURL(/\/login/);

  // The old password is dead; the new one alone is not enough; a wrong code is refused.
  await fillSignIn(me, email, first);
  await expect(me.getByTestId("login-error")).toHaveText("Wrong email or password.");
  await fillSignIn(me, email, second);
  await expect(me.getByTestId("login-error")).toHaveText("Enter the 6-digit code from your authenticator app, or a recovery code.");
  await expect(me).toHaveURL(/\/login/);
  await expect(me.getByTestId("current-user")).toHaveCount(0);
  await me.getByLabel("Authentication code").fill("000000");
  await me.getByRole("button", { name: "Sign in" }).click();
  await expect(me.getByTestId("login-error")).toContainText("That code is not right");
  await expect(me.getByTestId("current-user")).toHaveCount(0);
  // The next step's code: the one used to turn it on is spent, and a code works once.
  await me.getByLabel("Authentication code").fill(totpCode(key, new Date(Date.now() + 30_000)));
  await me.getByRole("button", { name: "Sign in" }).click();
  await expect(me.getByTestId("current-user")).toContainText(email);
}

test("pages carry a per-request CSP nonce: every script is the page's own, and Next's scripts run under the policy", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  const first = await page.goto("/login");
  const policy = first!.headers()["content-security-policy"]!;
  const scriptSrc = policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
  const nonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(nonces.length).toBeGreaterThan(0);
  expect(new Set(nonces)).toEqual(new Set([nonce]));
  // As served: every <script> tag carries the response's nonce, a fresh one per request.
  const served = await request.get("/login");
  const servedNonce = /'nonce-([^']+)'/.exec(served.headers()["content-security-policy"]!)![1]!;
  expect(servedNonce).not.toBe(nonce);
  const tags = [...(await served.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${servedNonce}"`);
  // The form works only if Next's scripts ran under the policy.
  await signIn(page, demo.finance);
  expect(violations).toEqual([]);
  expect((await request.get("/api/health")).headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

test("demo mode opens the dashboard on test data while no live API key exists", async ({ browser }) => {
  const [{ n }] = (await sql<{ n: number }>("SELECT count(*)::int AS n FROM api_keys WHERE mode = 'LIVE' AND revoked_at IS NULL")) as [{ n: number }];
  const fresh = await newPage(browser);
  await signIn(fresh, demo.finance);
  await expect(fresh.getByTestId("current-mode")).toHaveText(n === 0 ? "Viewing test data" : "Viewing live data");
  // With a live key, a newcomer's view is live again.
  const [sf] = await sql<{ id: string }>("SELECT id FROM storefronts ORDER BY created_at LIMIT 1");
  await sql("INSERT INTO api_keys (id, storefront_id, mode, name, prefix, hash) VALUES ('key_e2e_live_probe', $1, 'LIVE', 'probe', 'sk_live_prob', 'e2e-live-probe-hash')", [sf!.id]);
  try {
    const later = await newPage(browser);
    await signIn(later, demo.finance);
    await expect(later.getByTestId("current-mode")).toHaveText("Viewing live data");
  } finally {
    await sql("DELETE FROM api_keys WHERE id = 'key_e2e_live_probe'");
  }
});

test("signing out ends the session on the server: a copy of its cookie no longer signs anyone in", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  await signIn(page, demo.finance);
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  const thief = await browser.newContext({ baseURL: BASE_URL });
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto("/payments");
  await expect(stolen).toHaveURL(/\/login\?callbackUrl=/);
  await context.close();
  await thief.close();
});
