/** Every word the customer's checkout page shows, in English and Swahili, in one place. */
export const LANGUAGES = ["en", "sw"] as const;
export type Lang = (typeof LANGUAGES)[number];

export function langFrom(value: unknown): Lang {
  return value === "sw" ? "sw" : "en";
}

const en = {
  languageName: "English",
  switchTo: "Kiswahili",
  pageTitle: "Pay with M-Pesa",
  payTo: "Pay to",
  amount: "Amount",
  reference: "Reference",
  phoneLabel: "M-Pesa phone number",
  phoneHint: "For example 0712 345 678",
  pay: "Pay",
  cancel: "Cancel and return to the shop",
  checkPhone: "Check your phone",
  checkPhoneHelp: "Enter your M-Pesa PIN in the prompt on your phone to pay.",
  stillWaiting: "Waiting for M-Pesa…",
  paid: "Payment received",
  paidHelp: "Thank you. You will be taken back to the shop.",
  returnToShop: "Return to the shop",
  cancelled: "You cancelled the payment",
  timeout: "The prompt timed out",
  failed: "The payment did not go through",
  unpaidHelp: "No money was taken.",
  resend: "Send the prompt again",
  unconfirmed: "We could not confirm the payment yet",
  unconfirmedHelp: "If you paid, the shop will be told. Do not pay again.",
  expired: "This checkout has expired",
  expiredHelp: "Return to the shop to start again.",
  errorPhone: "Enter a valid Safaricom number (07… or 01…).",
  errorAmount: "Enter an amount between the limits shown.",
  errorBusy: "Too many tries: wait a minute and try again.",
  errorState: "That cannot be done now.",
  errorUnavailable: "M-Pesa could not be reached. Try again shortly.",
  openAmount: "Amount (KES)",
  between: "Between",
  and: "and",
  continue: "Continue",
  linkInactive: "This payment link is no longer active.",
  notFound: "This checkout does not exist.",
} as const;

export type Strings = { [K in keyof typeof en]: string };

const sw: Strings = {
  languageName: "Kiswahili",
  switchTo: "English",
  pageTitle: "Lipa kwa M-Pesa",
  payTo: "Lipa kwa",
  amount: "Kiasi",
  reference: "Kumbukumbu",
  phoneLabel: "Nambari ya simu ya M-Pesa",
  phoneHint: "Kwa mfano 0712 345 678",
  pay: "Lipa",
  cancel: "Ghairi na urudi dukani",
  checkPhone: "Angalia simu yako",
  checkPhoneHelp: "Weka PIN yako ya M-Pesa kwenye ujumbe ulio kwenye simu yako ili kulipa.",
  stillWaiting: "Tunasubiri M-Pesa…",
  paid: "Malipo yamepokelewa",
  paidHelp: "Asante. Utarudishwa dukani.",
  returnToShop: "Rudi dukani",
  cancelled: "Umeghairi malipo",
  timeout: "Muda wa ujumbe umekwisha",
  failed: "Malipo hayakufanikiwa",
  unpaidHelp: "Hakuna pesa iliyokatwa.",
  resend: "Tuma ujumbe tena",
  unconfirmed: "Bado hatujathibitisha malipo",
  unconfirmedHelp: "Ikiwa umelipa, duka litajulishwa. Usilipe tena.",
  expired: "Muda wa malipo haya umekwisha",
  expiredHelp: "Rudi dukani uanze upya.",
  errorPhone: "Weka nambari sahihi ya Safaricom (07… au 01…).",
  errorAmount: "Weka kiasi kati ya viwango vilivyoonyeshwa.",
  errorBusy: "Majaribio mengi mno: subiri dakika moja ujaribu tena.",
  errorState: "Hilo haliwezekani sasa.",
  errorUnavailable: "M-Pesa haipatikani. Jaribu tena baadaye.",
  openAmount: "Kiasi (KES)",
  between: "Kati ya",
  and: "na",
  continue: "Endelea",
  linkInactive: "Kiungo hiki cha malipo hakitumiki tena.",
  notFound: "Malipo haya hayapo.",
};

export function stringsFor(lang: Lang): Strings {
  return lang === "sw" ? sw : en;
}

/** Errors a form post can send back to the page (?error=…), each with its words. */
export const PAGE_ERRORS = { phone: "errorPhone", amount: "errorAmount", busy: "errorBusy", state: "errorState", unavailable: "errorUnavailable" } as const satisfies Record<string, keyof Strings>;
export type PageError = keyof typeof PAGE_ERRORS;

export function pageErrorFrom(value: unknown): PageError | null {
  return typeof value === "string" && Object.hasOwn(PAGE_ERRORS, value) ? (value as PageError) : null;
}
