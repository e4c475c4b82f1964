import { getStatus } from "@/lib/checkout/page-posts";
import { withPublic } from "@/lib/http/with-public";

export const dynamic = "force-dynamic";

// GET /pay/{token}/status – where the checkout stands, for the page's polling (stops at `final`)
export const GET = withPublic<{ token: string }>("checkout.status", (_req, { params }) => getStatus(params.token));
