import { linkClass } from "@/components/ui/styles";
import { stringsFor, type Lang } from "@/lib/checkout/strings";

/** The page's title and its language switch: a plain link, so it works without JavaScript. */
export function CheckoutHeader({ lang, path, title }: { lang: Lang; path: string; title: string }) {
  const other: Lang = lang === "sw" ? "en" : "sw";
  return (
    <header className="flex items-center justify-between gap-3">
      <h1 className="text-xl font-bold text-emerald-800">{title}</h1>
      <a href={other === "en" ? path : `${path}?lang=sw`} hrefLang={other} lang={other} className={`${linkClass} text-sm`} data-testid="language-switch">{stringsFor(lang).switchTo}</a>
    </header>
  );
}
