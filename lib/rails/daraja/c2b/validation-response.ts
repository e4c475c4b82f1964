/**
 * Our answers to M-Pesa's C2B calls. A validation request must be answered within about 8 seconds,
 * or the registered ResponseType (Completed/Cancelled) decides. Accept is ResultCode "0"; a reject
 * names one of M-Pesa's C2B000xx codes, and the customer's payment does not happen. A confirmation
 * is only acknowledged: the money has moved whatever we answer.
 */

export const C2B_REJECT_CODES = {
  invalid_msisdn: { code: "C2B00011", meaning: "Invalid MSISDN" },
  invalid_account_number: { code: "C2B00012", meaning: "Invalid Account Number" },
  invalid_amount: { code: "C2B00013", meaning: "Invalid Amount" },
  invalid_kyc: { code: "C2B00014", meaning: "Invalid KYC Details" },
  invalid_shortcode: { code: "C2B00015", meaning: "Invalid Shortcode" },
  other: { code: "C2B00016", meaning: "Other Error" },
} as const;

export type C2bRejectReason = keyof typeof C2B_REJECT_CODES;

export interface C2bValidationAnswer {
  ResultCode: string;
  ResultDesc: string;
  ThirdPartyTransID?: string;
}

/** M-Pesa echoes ThirdPartyTransID in the confirmation: a way to carry our own reference across. */
export function acceptC2bValidation(options: { thirdPartyTransId?: string | null } = {}): C2bValidationAnswer {
  const answer: C2bValidationAnswer = { ResultCode: "0", ResultDesc: "Accepted" };
  const id = options.thirdPartyTransId?.trim();
  if (id) {
    if (!/^[A-Za-z0-9_\-.]{1,40}$/.test(id)) throw new Error("ThirdPartyTransID may hold only letters, digits, - _ . (at most 40)");
    answer.ThirdPartyTransID = id;
  }
  return answer;
}

export function rejectC2bValidation(reason: C2bRejectReason): C2bValidationAnswer {
  return { ResultCode: C2B_REJECT_CODES[reason].code, ResultDesc: "Rejected" };
}

/** The meaning of a C2B validation result code, for showing what a reject said. */
export function describeC2bValidationCode(code: string | number): string | null {
  const text = String(code).trim();
  if (/^0+$/.test(text)) return "Accepted";
  return Object.values(C2B_REJECT_CODES).find((c) => c.code === text)?.meaning ?? null;
}

/** The acknowledgement of a confirmation (and of any other M-Pesa notification). */
export const C2B_CONFIRMATION_ACK = Object.freeze({ ResultCode: 0, ResultDesc: "Success" });
