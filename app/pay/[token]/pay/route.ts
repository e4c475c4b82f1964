import { postPay } from "@/lib/checkout/page-posts";
import { withPublic } from "@/lib/http/with-public";

export const dynamic = "force-dynamic";

// POST /pay/{token}/pay – the customer's number: start the session's payment (form post, then 303 to the page)
export const POST = withPublic<{ token: string }>("checkout.pay", (req, { params, logger }) => postPay(req, params.token, logger));
