import type { ResolvedOptions } from "./types";

/**
 * Which configured organisation a paybill or till number belongs to. A till's money lands on its
 * store's Utility account, so statements and balances are per store shortcode.
 */
export interface Organisation {
  shortcode: string;
  channel: "paybill" | "till";
  name: string;
}

export function organisationOf(options: ResolvedOptions, code: string): Organisation | null {
  for (const s of options.shortcodes) {
    if (s.shortcode === code && s.paybill) return { shortcode: s.shortcode, channel: "paybill", name: organisationName(options, s.shortcode) };
    if (s.tills.includes(code)) return { shortcode: s.shortcode, channel: "till", name: organisationName(options, s.shortcode) };
  }
  return null;
}

/** The organisation's own shortcode, for APIs that name it (PartyA, ReceiverParty, statements); a till maps to its store. */
export function accountOf(options: ResolvedOptions, code: string): string | null {
  const direct = options.shortcodes.find((s) => s.shortcode === code);
  if (direct) return direct.shortcode;
  return options.shortcodes.find((s) => s.tills.includes(code))?.shortcode ?? null;
}

export function organisationName(options: ResolvedOptions, shortcode: string): string {
  return options.ledger.organisationNames[shortcode] ?? `DARAJA SIMULATOR ${shortcode}`;
}
