import { postResend } from "@/lib/checkout/page-posts";
import { withPublic } from "@/lib/http/with-public";

export const dynamic = "force-dynamic";

// POST /pay/{token}/resend – the customer asks for the prompt again (form post, then 303 to the page)
export const POST = withPublic<{ token: string }>("checkout.resend", (req, { params }) => postResend(req, params.token));
