import { postOpenLink } from "@/lib/checkout/page-posts";
import { withPublic } from "@/lib/http/with-public";

export const dynamic = "force-dynamic";

// POST /pay/link/{token}/open – one use of a payment link: a new checkout session, then 303 to its page
export const POST = withPublic<{ token: string }>("checkout.open_link", (req, { params }) => postOpenLink(req, params.token));
