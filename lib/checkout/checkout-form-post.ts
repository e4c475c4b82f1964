import { AppError } from "@/lib/errors";
import { langFrom, type Lang, type PageError } from "@/lib/checkout/strings";
import { readLimitedBody } from "@/lib/http/read-limited-body";

/** A checkout form's fields are a number and a language: a few hundred bytes at most. */
const FORM_MAX_BYTES = 2_048;

/**
 * Reads a checkout page's form post (works without JavaScript: a plain urlencoded form). A post
 * from another site is refused: the page's forms post to their own origin.
 */
export async function readCheckoutForm(req: Request): Promise<{ fields: URLSearchParams; lang: Lang }> {
  const origin = req.headers.get("origin");
  if (origin && origin !== "null" && origin !== new URL(req.url).origin && origin !== forwardedOrigin(req)) {
    throw new AppError("forbidden", "Cross-site form posts are refused.");
  }
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) throw new AppError("unsupported_media_type", "Send the form as application/x-www-form-urlencoded.");
  const body = await readLimitedBody(req, FORM_MAX_BYTES);
  if (body.truncated) throw new AppError("payload_too_large", `The form must be at most ${FORM_MAX_BYTES} bytes.`);
  const fields = new URLSearchParams(body.text);
  return { fields, lang: langFrom(fields.get("lang")) };
}

/** Back to a checkout page after a post: 303 (the browser GETs it), with the language and an error to show. */
export function backToPage(path: string, lang: Lang, error: PageError | null = null): Response {
  const query = new URLSearchParams();
  if (lang !== "en") query.set("lang", lang);
  if (error) query.set("error", error);
  const search = query.size ? `?${query}` : "";
  return new Response(null, { status: 303, headers: { Location: `${path}${search}`, "Cache-Control": "no-store" } });
}

/** The words a failed post shows, by the error's code; anything else is the route's error contract. */
export function pageErrorFor(error: unknown): PageError | null {
  if (!(error instanceof AppError)) return null;
  switch (error.code) {
    case "validation_failed": return error.param === "amount" ? "amount" : "phone";
    case "rate_limited": return "busy";
    case "invalid_state":
    case "conflict":
    case "idempotency_key_in_use": return "state";
    case "service_unavailable":
    case "mpesa_unavailable": return "unavailable";
    default: return null;
  }
}

// Behind a proxy the request URL is the internal one; PUBLIC_URL's origin is what browsers send.
function forwardedOrigin(req: Request): string | null {
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : null;
}
