import { AppError } from "@/lib/errors";
import { withPublic } from "@/lib/http/with-public";

export const dynamic = "force-dynamic";

// Any method on an unknown /api/v1 path – a JSON 404 instead of the dashboard's HTML page
const notFound = withPublic<{ path: string[] }>("api.not-found", async (req) => {
  throw new AppError("not_found", `Unrecognized request URL (${req.method} ${new URL(req.url).pathname})`);
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
