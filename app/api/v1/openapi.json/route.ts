import { getEnv } from "@/lib/env";
import { withPublic } from "@/lib/http/with-public";
import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/openapi/build-openapi-document";

export const dynamic = "force-dynamic";

export type GetOpenApiDocumentResponse = OpenApiDocument;

// The document depends only on code and PUBLIC_URL: build it once per process.
let cached: { serverUrl: string; document: OpenApiDocument } | undefined;

// GET /api/v1/openapi.json – the OpenAPI 3.1 description of the storefront API (public)
export const GET = withPublic("openapi", async () => {
  const serverUrl = getEnv().publicUrl;
  if (cached?.serverUrl !== serverUrl) cached = { serverUrl, document: buildOpenApiDocument({ serverUrl }) };
  return Response.json(cached.document, { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
});
