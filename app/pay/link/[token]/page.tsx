import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import { getPaymentLinkByTokenOrThrow } from "@/lib/checkout/open-payment-link";
import { langFrom, PAGE_ERRORS, pageErrorFrom, stringsFor } from "@/lib/checkout/strings";
import { formatKes } from "@/lib/dashboard/format-money";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { CheckoutHeader } from "../../checkout-header";

export const metadata: Metadata = { title: "Pay with M-Pesa", robots: { index: false } };

export default async function PaymentLinkPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await params;
  const query = await searchParams;
  const lang = langFrom(query.lang);
  const t = stringsFor(lang);
  const error = pageErrorFrom(query.error);
  const link = await getPaymentLinkByTokenOrThrow(getDb(), token).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });

  return (
    <div lang={lang} className="space-y-4" data-testid="payment-link">
      <CheckoutHeader lang={lang} path={`/pay/link/${link.token}`} title={t.pageTitle} />
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="summary">
        <h2 id="summary" className="text-sm text-slate-600">{t.payTo}</h2>
        <p className="text-lg font-semibold text-slate-900" data-testid="merchant-name">{link.storefront.name}</p>
        <p className="mt-1 text-slate-800" data-testid="link-title">{link.title}</p>
        {link.amount !== null ? <p className="mt-2 text-3xl font-bold text-slate-900">{formatKes(link.amount)}</p> : null}
      </section>
      {error ? <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="checkout-error">{t[PAGE_ERRORS[error]]}</p> : null}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        {link.active ? (
          <form method="post" action={`/pay/link/${link.token}/open`} className="space-y-3">
            <input type="hidden" name="lang" value={lang} />
            {link.amount === null ? (
              <>
                <label htmlFor="amount" className={labelClass}>{t.openAmount}</label>
                <input id="amount" name="amount" type="number" inputMode="numeric" min={link.minAmount ?? 1} max={link.maxAmount ?? undefined} step={1} required aria-describedby="amount-hint" className={`${inputClass} text-lg`} />
                <p id="amount-hint" className="text-xs text-slate-600">{t.between} {formatKes(link.minAmount ?? 1)} {t.and} {formatKes(link.maxAmount ?? 0)}</p>
              </>
            ) : null}
            <button type="submit" className={`${buttonClass.primary} w-full py-3 text-base`}>{t.continue}</button>
          </form>
        ) : <p data-testid="link-inactive">{t.linkInactive}</p>}
      </section>
    </div>
  );
}
