import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { buttonClass, inputClass, labelClass, linkClass } from "@/components/ui/styles";
import { checkoutPageView } from "@/lib/checkout/checkout-page";
import { langFrom, PAGE_ERRORS, pageErrorFrom, stringsFor } from "@/lib/checkout/strings";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CheckoutHeader } from "../checkout-header";
import { NoScriptRefresh } from "../no-script-refresh";
import { AutoReturn } from "./auto-return";
import { LiveStatus } from "./live-status";

export const metadata: Metadata = { title: "Pay with M-Pesa", robots: { index: false } };

// Seconds between refreshes without JavaScript while the prompt is live; after a success, before going back.
const REFRESH_WAITING_S = 4;
const RETURN_AFTER_S = 3;

export default async function CheckoutPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await params;
  const query = await searchParams;
  const lang = langFrom(query.lang);
  const t = stringsFor(lang);
  const error = pageErrorFrom(query.error);
  const view = await checkoutPageView(getDb(), token, { env: getEnv(), now: new Date() }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const hidden = <input type="hidden" name="lang" value={lang} />;
  const autoReturn = view.stage === "paid" && view.returnHref;

  return (
    <div lang={lang} className="space-y-4" data-testid="checkout" data-stage={view.stage}>
      {view.stage === "waiting" ? <NoScriptRefresh seconds={REFRESH_WAITING_S} /> : null}
      {autoReturn ? (<><NoScriptRefresh seconds={RETURN_AFTER_S} url={view.returnHref!} /><AutoReturn href={view.returnHref!} seconds={RETURN_AFTER_S} /></>) : null}
      {!view.final ? <LiveStatus token={view.token} stage={view.stage} /> : null}
      <CheckoutHeader lang={lang} path={`/pay/${view.token}`} title={t.pageTitle} />
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="summary">
        <h2 id="summary" className="text-sm text-slate-600">{t.payTo}</h2>
        <p className="text-lg font-semibold text-slate-900" data-testid="merchant-name">{view.merchantName}</p>
        <p className="mt-2 text-3xl font-bold text-slate-900" data-testid="checkout-amount">{view.amountText}</p>
        <p className="mt-1 text-sm text-slate-600">{t.reference}: <span className="font-mono">{view.reference}</span>{view.description ? ` · ${view.description}` : null}</p>
      </section>

      {error ? <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="checkout-error">{t[PAGE_ERRORS[error]]}</p> : null}

      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-live="polite" data-testid="checkout-status">
        {view.stage === "open" ? (
          <form method="post" action={`/pay/${view.token}/pay`} className="space-y-3">
            {hidden}
            <label htmlFor="phone" className={labelClass}>{t.phoneLabel}</label>
            <input id="phone" name="phone" type="tel" inputMode="tel" autoComplete="tel" required defaultValue={view.prefilledPhone ?? ""} aria-describedby="phone-hint" className={`${inputClass} text-lg`} />
            <p id="phone-hint" className="text-xs text-slate-600">{t.phoneHint}</p>
            <button type="submit" className={`${buttonClass.primary} w-full py-3 text-base`}>{t.pay} {view.amountText}</button>
          </form>
        ) : null}
        {view.stage === "waiting" ? (<><h2 className="text-xl font-semibold">{t.checkPhone}</h2><p className="text-slate-700">{t.checkPhoneHelp}</p><p className="mt-2 text-sm text-slate-600">{t.stillWaiting}</p></>) : null}
        {view.stage === "paid" ? (<><h2 className="text-xl font-semibold text-emerald-800">{t.paid}</h2><p className="text-slate-700">{t.paidHelp}</p></>) : null}
        {view.stage === "unpaid" ? (
          <>
            <h2 className="text-xl font-semibold text-red-800">{view.unpaidReason === "cancelled" ? t.cancelled : view.unpaidReason === "timeout" ? t.timeout : t.failed}</h2>
            <p className="text-slate-700">{t.unpaidHelp}</p>
            {view.canResend ? (
              <form method="post" action={`/pay/${view.token}/resend`} className="mt-3">
                {hidden}
                <button type="submit" className={`${buttonClass.primary} w-full py-3 text-base`}>{t.resend}</button>
              </form>
            ) : null}
          </>
        ) : null}
        {view.stage === "unconfirmed" ? (<><h2 className="text-xl font-semibold">{t.unconfirmed}</h2><p className="text-slate-700">{t.unconfirmedHelp}</p></>) : null}
        {view.stage === "expired" ? (<><h2 className="text-xl font-semibold">{t.expired}</h2><p className="text-slate-700">{t.expiredHelp}</p></>) : null}
      </section>

      {view.final && view.returnHref ? <p><a href={view.returnHref} className={`${buttonClass.secondary} w-full py-3`} data-testid="return-link">{t.returnToShop}</a></p> : null}
      {!view.final && view.cancelHref ? <p className="text-center"><a href={view.cancelHref} className={linkClass} data-testid="cancel-link">{t.cancel}</a></p> : null}
    </div>
  );
}
