import { escapeHtml, phonePage } from "@/lib/rails/daraja/simulator/phone-html";
import type { Scenario } from "./scenarios";

/** HTML of "the customer's phone" for the Vodacom simulator. Every value is escaped: references come from callers. */
export interface PromptView {
  conversationId: string;
  amount: string;
  reference: string;
  serviceProviderCode: string;
  sentAt: Date;
  status: string;
  awaiting: boolean;
}

const eat = new Intl.DateTimeFormat("en-GB", { timeZone: "Africa/Dar_es_Salaam", dateStyle: "medium", timeStyle: "medium" });

export function renderPhoneIndex(phones: readonly string[], scenarios: readonly Scenario[]): string {
  const numbers = phones.length
    ? `<ul>${phones.map((p) => `<li><a href="/phone/${escapeHtml(p)}">${escapeHtml(p)}</a></li>`).join("")}</ul>`
    : "<p>No prompts sent yet.</p>";
  const rows = scenarios
    .map((s) => `<tr><td><a href="/phone/${escapeHtml(s.msisdn)}">${escapeHtml(s.msisdn)}</a></td><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.behaviour)}</td></tr>`)
    .join("");
  return page("Customer phones", `
    <form method="get" action="/phone"><label>Open a phone <input name="msisdn" inputmode="numeric" placeholder="255754XXXXXX" required></label> <button>Open</button></form>
    <h2>Phones with prompts</h2>${numbers}
    <h2>Test numbers</h2><p>Any other number pays after the PIN delay unless you answer it here first.</p>
    <table><thead><tr><th>Number</th><th>Scenario</th><th>Behaviour</th></tr></thead><tbody>${rows}</tbody></table>`);
}

export function renderPhone(msisdn: string, prompts: readonly PromptView[], pinHint: string): string {
  const cards = prompts.length ? prompts.map((p) => renderPrompt(msisdn, p)).join("") : "<p>No prompts on this phone yet.</p>";
  return page(`Phone ${msisdn}`, `<p><a href="/phone">All phones</a> · <a href="/phone/${escapeHtml(msisdn)}">Refresh</a> · PIN for Accept: <code>${escapeHtml(pinHint)}</code></p>${cards}`);
}

function renderPrompt(msisdn: string, p: PromptView): string {
  const action = `/phone/${encodeURIComponent(msisdn)}/${encodeURIComponent(p.conversationId)}`;
  const forms = p.awaiting
    ? `<form method="post" action="${escapeHtml(action)}/accept"><label>M-PESA PIN <input name="pin" type="password" inputmode="numeric" autocomplete="off" required></label> <button>Accept</button></form>
       <form method="post" action="${escapeHtml(action)}/cancel"><button>Cancel</button></form>`
    : "";
  return `<section class="prompt" data-conversation-id="${escapeHtml(p.conversationId)}">
    <p>Pay ${escapeHtml(p.amount)} to ${escapeHtml(p.serviceProviderCode)}, reference ${escapeHtml(p.reference)}? Enter your M-PESA PIN.</p>
    <p class="meta">${escapeHtml(eat.format(p.sentAt))} EAT · <strong>${escapeHtml(p.status)}</strong></p>${forms}</section>`;
}

export function renderMessage(title: string, message: string, back: string): string {
  return page(title, `<p>${escapeHtml(message)}</p><p><a href="${escapeHtml(back)}">Back</a></p>`);
}

function page(title: string, body: string): string {
  return phonePage(title, body, "Vodacom simulator");
}
