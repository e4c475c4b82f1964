import type { Scenario } from "./scenarios";

/**
 * HTML of "the customer's phone". Every value is escaped: account references and descriptions
 * come from whoever called the push endpoint.
 */
export interface PromptView {
  checkoutRequestId: string;
  amount: number;
  accountReference: string;
  shortcode: string;
  sentAt: Date;
  status: string;
  awaiting: boolean;
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const eat = new Intl.DateTimeFormat("en-GB", { timeZone: "Africa/Nairobi", dateStyle: "medium", timeStyle: "medium" });
const shillings = new Intl.NumberFormat("en-KE", { maximumFractionDigits: 0 });

export function renderPhoneIndex(phones: readonly string[], scenarios: readonly Scenario[]): string {
  const numbers = phones.length
    ? `<ul>${phones.map((p) => `<li><a href="/phone/${escapeHtml(p)}">${escapeHtml(p)}</a></li>`).join("")}</ul>`
    : "<p>No prompts sent yet.</p>";
  const rows = scenarios
    .map((s) => `<tr><td><a href="/phone/${escapeHtml(s.msisdn)}">${escapeHtml(s.msisdn)}</a></td><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.behaviour)}</td></tr>`)
    .join("");
  return phonePage("Customer phones", `
    <form method="get" action="/phone"><label>Open a phone <input name="msisdn" inputmode="numeric" placeholder="2547XXXXXXXX" required></label> <button>Open</button></form>
    <h2>Phones with prompts</h2>${numbers}
    <h2>Test numbers</h2><p>Any other number pays after the callback delay unless you answer it here first.</p>
    <table><thead><tr><th>Number</th><th>Scenario</th><th>Behaviour</th></tr></thead><tbody>${rows}</tbody></table>`);
}

/** `extraHtml` is already-escaped markup (the pay form) placed after the prompts. */
export function renderPhone(msisdn: string, prompts: readonly PromptView[], pinHint: string, extraHtml = ""): string {
  const cards = prompts.length ? prompts.map((p) => renderPrompt(msisdn, p)).join("") : "<p>No prompts on this phone yet.</p>";
  return phonePage(`Phone ${msisdn}`, `<p><a href="/phone">All phones</a> · <a href="/phone/${escapeHtml(msisdn)}">Refresh</a> · PIN for Accept: <code>${escapeHtml(pinHint)}</code></p>${cards}${extraHtml}`);
}

function renderPrompt(msisdn: string, p: PromptView): string {
  const action = `/phone/${encodeURIComponent(msisdn)}/${encodeURIComponent(p.checkoutRequestId)}`;
  const forms = p.awaiting
    ? `<form method="post" action="${escapeHtml(action)}/accept"><label>M-PESA PIN <input name="pin" type="password" inputmode="numeric" autocomplete="off" required></label> <button>Accept</button></form>
       <form method="post" action="${escapeHtml(action)}/cancel"><button>Cancel</button></form>`
    : "";
  return `<section class="prompt" data-checkout-request-id="${escapeHtml(p.checkoutRequestId)}">
    <p>Do you want to pay Ksh ${escapeHtml(shillings.format(p.amount))} to ${escapeHtml(p.shortcode)}, account no. ${escapeHtml(p.accountReference)}?</p>
    <p class="meta">${escapeHtml(eat.format(p.sentAt))} EAT · <strong>${escapeHtml(p.status)}</strong></p>${forms}</section>`;
}

export function renderMessage(title: string, message: string, back: string): string {
  return phonePage(title, `<p>${escapeHtml(message)}</p><p><a href="${escapeHtml(back)}">Back</a></p>`);
}

/** The page frame both simulators' phone pages use. */
export function phonePage(title: string, body: string, simulatorName = "Daraja simulator"): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(simulatorName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:1rem auto;padding:0 1rem;color:#111}
.prompt{border:1px solid #ccc;border-radius:.5rem;padding:.75rem;margin:.75rem 0}.meta{color:#555;font-size:.9rem}
form{display:inline-block;margin:.25rem .5rem .25rem 0}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
