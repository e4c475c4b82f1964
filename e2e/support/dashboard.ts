import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { demo, E2E_PG_PORT } from "./stack";

/** Helpers for the dashboard's browser tests: signing in, making payments through the real API, reading the database. */

export const DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${E2E_PG_PORT}/malipo`;

export async function signIn(page: Page, who: { email: string; password: string }, path = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(who.email);
}

/** The storefront API's payments are test-mode (sk_test_ key); the dashboard may open on either mode. */
export async function viewTestMode(page: Page) {
  if ((await page.getByTestId("current-mode").textContent())?.includes("test")) return;
  await page.getByTestId("mode-switch").click();
  await expect(page.getByTestId("test-banner")).toBeVisible();
}

export interface ApiPayment {
  id: string;
  status: string;
  amount: number;
  phone: string;
  reference: string;
  mpesa_receipt: string | null;
  created_at: string;
}

/** A unique account reference (≤ 12 safe characters) for this run. */
export function uniqueReference(prefix: string): string {
  return `${prefix}${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`.slice(0, 12).toUpperCase();
}

export async function createPayment(request: APIRequestContext, body: { amount: number; phone: string; reference: string }, apiKey = demo.testApiKey): Promise<ApiPayment> {
  const res = await request.post("/api/v1/payments", {
    headers: { Authorization: `Bearer ${apiKey}`, "Idempotency-Key": randomUUID() },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as ApiPayment;
}

export async function getPayment(request: APIRequestContext, id: string): Promise<ApiPayment> {
  const res = await request.get(`/api/v1/payments/${id}`, { headers: { Authorization: `Bearer ${demo.testApiKey}` } });
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiPayment;
}

/** Polls the API until the payment reaches one of `statuses` (the simulator answers in about a second). */
export async function waitForStatus(request: APIRequestContext, id: string, statuses: string[], timeoutMs = 20_000): Promise<ApiPayment> {
  let last: ApiPayment | null = null;
  await expect.poll(async () => {
    last = await getPayment(request, id);
    return statuses.includes(last.status);
  }, { timeout: timeoutMs, intervals: [250, 500, 1000] }).toBe(true);
  return last!;
}

export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A payment that stays PENDING for the test: the simulator's "pending-forever" number never settles,
 * and the deadline is pushed out so the expiry sweep leaves it to the admin.
 */
export async function createStuckPayment(request: APIRequestContext, reference: string, amount: number): Promise<ApiPayment> {
  const payment = await createPayment(request, { amount, phone: "254708000011", reference });
  await waitForStatus(request, payment.id, ["pending"]);
  await sql("UPDATE payments SET expires_at = now() + interval '1 hour' WHERE id = $1", [payment.id]);
  return payment;
}

/** Reads a CSV text with quoted fields into records keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else if (c !== "\r") field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ""])));
}

// Beside Playwright's own artifacts, so CI keeps them with the report.
const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A second admin, for the four eyes: made here as an operator would with `npm run user:create`. */
export async function secondAdmin(): Promise<{ email: string; password: string }> {
  const email = `approver-${randomUUID().slice(0, 8)}@malipo.test`;
  const password = `Approve-${randomUUID()}`;
  await sql("INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, 'Second admin', 'ADMIN', $3, now())",
    [`usr_${randomUUID().replaceAll("-", "").slice(0, 24)}`, email, await hashPassword(password)]);
  return { email, password };
}
