/**
 * A refresh tag for browsers without JavaScript only. Inside <noscript> it is text when scripts
 * run, so a scripted page (which polls instead) never reloads on a timer, as accessibility asks.
 */
export function NoScriptRefresh({ seconds, url }: { seconds: number; url?: string }) {
  const content = url ? `${seconds};url=${url}` : String(seconds);
  const escaped = content.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  return <noscript dangerouslySetInnerHTML={{ __html: `<meta http-equiv="refresh" content="${escaped}">` }} />;
}
