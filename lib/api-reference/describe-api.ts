import type { OpenApiDocument } from "@/lib/openapi/build-openapi-document";
import { resolveRef, schemaFieldRows, typeLabel, type FieldRow, type JsonSchema, type SchemaComponents } from "@/lib/api-reference/json-schema-rows";
import { schemaConstraints } from "@/lib/api-reference/schema-constraints";

export interface ResponseView {
  status: string;
  description: string;
  success: boolean;
  /** The component the body follows ("Payment", "Error"), when it is one. */
  schemaName: string | null;
  /** What the body is when it has no fields to list (the OpenAPI document itself). */
  schemaDescription: string | null;
  rows: FieldRow[];
  headers: { name: string; description: string }[];
  errorCodes: string[];
}

export interface OperationView {
  /** For anchors and tests: "createPayment". */
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  authenticated: boolean;
  parameters: FieldRow[];
  body: { schemaName: string | null; rows: FieldRow[] } | null;
  responses: ResponseView[];
}

export interface ApiReference {
  title: string;
  version: string;
  baseUrl: string;
  /** The document's own introduction (CommonMark). */
  overview: string;
  authDescription: string | null;
  idempotencyKey: FieldRow | null;
  errorRows: FieldRow[];
  /** Every error code some operation answers, with its HTTP status. */
  errorCodes: { code: string; status: string }[];
  operations: OperationView[];
  webhooks: { description: string | null; eventTypes: string[]; headers: FieldRow[]; envelopeRows: FieldRow[]; c2bRows: FieldRow[] };
}

type Json = Record<string, unknown>;
const METHODS = ["get", "post", "put", "patch", "delete"];

/**
 * The OpenAPI document reshaped for people: every operation with its parameters, body fields and
 * responses as field tables ($refs resolved), the error contract and the webhook events. Reads only
 * the document, so the reference page cannot drift from what /api/v1/openapi.json says.
 */
export function describeApi(doc: OpenApiDocument): ApiReference {
  const components = (doc.components.schemas ?? {}) as SchemaComponents;
  const refs = new Refs(doc.components);
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => describeOperation(path, m, item[m]!, components, refs)));
  const info = doc.info as { title?: string; version?: string; description?: string } | undefined;
  const idempotency = refs.get("parameters", "IdempotencyKey");
  return {
    title: info?.title ?? "API",
    version: info?.version ?? "",
    baseUrl: ((doc.servers as { url: string }[] | undefined)?.[0]?.url ?? "").replace(/\/+$/, ""),
    overview: info?.description ?? "",
    authDescription: (refs.get("securitySchemes", "ApiKey")?.description as string | undefined) ?? null,
    idempotencyKey: idempotency ? parameterRow(idempotency, components) : null,
    errorRows: components.Error ? schemaFieldRows(components.Error, components) : [],
    errorCodes: collectErrorCodes(operations),
    operations,
    webhooks: describeWebhooks(doc.webhooks as Record<string, Json>, components, refs),
  };
}

function describeOperation(path: string, method: string, op: Json, components: SchemaComponents, refs: Refs): OperationView {
  const parameters = ((op.parameters as Json[] | undefined) ?? []).map((p) => parameterRow(refs.follow(p), components));
  const bodySchema = jsonSchemaOf(op.requestBody as Json | undefined);
  const responses = Object.entries((op.responses as Record<string, Json>) ?? {}).map(([status, r]): ResponseView => {
    const schema = jsonSchemaOf(r);
    const { schema: resolved, name } = schema ? resolveRef(schema, components) : { schema: null, name: null };
    const rows = schema ? schemaFieldRows(schema, components) : [];
    return {
      status, description: (r.description as string) ?? "", success: /^2/.test(status), schemaName: name, rows,
      schemaDescription: rows.length ? null : ((resolved?.description as string | undefined) ?? null),
      headers: Object.entries((r.headers as Record<string, Json> | undefined) ?? {}).map(([h, header]) => ({ name: h, description: (refs.follow(header).description as string) ?? "" })),
      errorCodes: (r["x-error-codes"] as string[] | undefined) ?? [],
    };
  });
  return {
    id: (op.operationId as string) ?? `${method}-${path}`, method: method.toUpperCase(), path,
    summary: (op.summary as string) ?? "", description: (op.description as string | undefined) ?? null,
    // An empty security list on the operation overrides the document's: no key needed.
    authenticated: !(Array.isArray(op.security) && op.security.length === 0),
    parameters,
    body: bodySchema ? { schemaName: resolveRef(bodySchema, components).name, rows: schemaFieldRows(bodySchema, components) } : null,
    responses,
  };
}

function describeWebhooks(webhooks: Record<string, Json> | undefined, components: SchemaComponents, refs: Refs): ApiReference["webhooks"] {
  const posts = Object.entries(webhooks ?? {}).map(([type, item]) => ({ type, post: item.post as Json }));
  const first = posts[0]?.post;
  return {
    description: (first?.description as string | undefined) ?? null,
    eventTypes: posts.map(({ type }) => type),
    headers: ((first?.parameters as Json[] | undefined) ?? []).map((p) => parameterRow(refs.follow(p), components)),
    envelopeRows: components.PaymentEvent ? schemaFieldRows(components.PaymentEvent, components) : [],
    // c2b.received carries a C2B receipt instead of a payment.
    c2bRows: components.C2bReceivedEvent ? schemaFieldRows(components.C2bReceivedEvent, components) : [],
  };
}

function parameterRow(p: Json, components: SchemaComponents): FieldRow {
  const schema = (p.schema as JsonSchema | undefined) ?? {};
  return {
    path: `${p.in as string}:${p.name as string}`, name: p.name as string, depth: 0, location: p.in as string,
    type: typeLabel(schema, components), required: p.required === true, constraints: schemaConstraints(schema),
    description: (p.description as string | undefined) ?? (schema.description as string | undefined) ?? null,
  };
}

function jsonSchemaOf(holder: Json | undefined): JsonSchema | null {
  const content = holder?.content as Record<string, { schema?: JsonSchema }> | undefined;
  return content?.["application/json"]?.schema ?? null;
}

function collectErrorCodes(operations: OperationView[]): ApiReference["errorCodes"] {
  const byCode = new Map<string, string>();
  for (const r of operations.flatMap((o) => o.responses)) for (const code of r.errorCodes) byCode.set(code, r.status);
  return [...byCode].map(([code, status]) => ({ code, status })).sort((a, b) => a.status.localeCompare(b.status) || a.code.localeCompare(b.code));
}

/** Local `#/components/<kind>/<name>` references of parameters, headers and security schemes. */
class Refs {
  constructor(private readonly components: Json) {}

  get(kind: string, name: string): Json | null {
    return ((this.components[kind] as Record<string, Json> | undefined)?.[name]) ?? null;
  }

  follow(node: Json): Json {
    const match = typeof node.$ref === "string" ? /^#\/components\/([^/]+)\/(.+)$/.exec(node.$ref) : null;
    return (match && this.get(match[1]!, match[2]!)) ?? node;
  }
}
