import type { C2bPaymentRecord } from "./ledger-types";
import { escapeHtml } from "./phone-html";

/** The phone page's "Lipa na M-PESA" part: pay a paybill or till directly, and the payments made so far. */
export function renderPayForm(msisdn: string, payments: readonly C2bPaymentRecord[], shortcodes: readonly string[]): string {
  const action = `/phone/${encodeURIComponent(msisdn)}/pay`;
  const list = payments.length
    ? `<ul>${payments.map((p) => `<li data-receipt="${escapeHtml(p.receipt)}">Ksh ${escapeHtml(p.amount)} to ${escapeHtml(p.paidTo)}${p.billRef ? `, account ${escapeHtml(p.billRef)}` : ""}: <strong>${escapeHtml(describe(p))}</strong></li>`).join("")}</ul>`
    : "<p>No direct payments from this phone yet.</p>";
  return `<h2>Lipa na M-PESA (pay a paybill or till)</h2>
    <form method="post" action="${escapeHtml(action)}">
      <label>Business no. <input name="shortcode" inputmode="numeric" required list="shortcodes"></label>
      <datalist id="shortcodes">${shortcodes.map((s) => `<option value="${escapeHtml(s)}">`).join("")}</datalist>
      <label>Account no. <input name="account" maxlength="20"></label>
      <label>Amount <input name="amount" inputmode="numeric" required></label>
      <button>Pay</button>
    </form>${list}`;
}

function describe(p: C2bPaymentRecord): string {
  if (p.status === "completed") return `Paid · receipt ${p.receipt}`;
  return p.decidedBy === "validation" ? `Rejected by the business (${p.resultCode})` : "Rejected (the business did not answer)";
}
