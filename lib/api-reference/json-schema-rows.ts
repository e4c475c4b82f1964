import { schemaConstraints, type Constraint } from "@/lib/api-reference/schema-constraints";

/** A JSON Schema node as the OpenAPI document holds it (zod's 2020-12 output). */
export type JsonSchema = Record<string, unknown>;
/** `components.schemas` of the document, where `$ref`s point. */
export type SchemaComponents = Record<string, JsonSchema>;

/** One field of a schema, flattened for a table; nested objects follow their parent, one level deeper. */
export interface FieldRow {
  /** Unique within one table: "error.code", "data[].id". */
  path: string;
  name: string;
  depth: number;
  type: string;
  required: boolean;
  constraints: Constraint[];
  description: string | null;
  /** Parameters only: "header", "query", "path". */
  location?: string;
}

const REF_PREFIX = "#/components/schemas/";
// A guard against a pathological document; the real one nests four levels at most.
const MAX_DEPTH = 8;

/** The fields of an object schema (after resolving `$ref`), with nested objects and array items expanded. */
export function schemaFieldRows(schema: JsonSchema, components: SchemaComponents): FieldRow[] {
  const rows: FieldRow[] = [];
  const { schema: resolved, name } = resolveRef(schema, components);
  addFields(resolved, components, { prefix: "", depth: 0, stack: name ? [name] : [] }, rows);
  return rows;
}

/** Follows a local `$ref` to its component; the component's name is kept for labels. */
export function resolveRef(schema: JsonSchema, components: SchemaComponents): { schema: JsonSchema; name: string | null } {
  const ref = typeof schema.$ref === "string" && schema.$ref.startsWith(REF_PREFIX) ? schema.$ref.slice(REF_PREFIX.length) : null;
  const target = ref ? components[ref] : undefined;
  return target ? { schema: { ...target, ...withoutRef(schema) }, name: ref } : { schema, name: null };
}

/** A short type for people: "string | null", "array of Payment", "object (Payment)". */
export function typeLabel(schema: JsonSchema, components: SchemaComponents): string {
  const { schema: s, name } = resolveRef(schema, components);
  const variants = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (variants) return [...new Set(variants.map((v) => typeLabel(v, components)))].join(" | ");
  if (Array.isArray(s.allOf)) return name ? `object (${name})` : "object";
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === "string" ? [s.type] : [];
  if (!types.length && s.const !== undefined) types.push(s.const === null ? "null" : typeof s.const);
  if (!types.length) return name ?? "any";
  return types.map((t) => {
    if (t === "array") return `array of ${s.items ? typeLabel(s.items as JsonSchema, components) : "any"}`;
    if (t === "object" && name) return `object (${name})`;
    return t;
  }).join(" | ");
}

interface Walk {
  prefix: string;
  depth: number;
  /** Components being expanded on the way here: a `$ref` back to one of them is not expanded again. */
  stack: string[];
}

function addFields(schema: JsonSchema, components: SchemaComponents, walk: Walk, out: FieldRow[]) {
  if (walk.depth > MAX_DEPTH) return;
  const object = mergeAllOf(schema, components);
  const required = new Set((object.required as string[] | undefined) ?? []);
  for (const [name, property] of Object.entries((object.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    const path = walk.prefix ? `${walk.prefix}.${name}` : name;
    out.push(fieldRow(name, path, property, required.has(name), walk.depth, components));
    addNested(property, path, components, walk, out);
  }
  // A map (metadata): one row stands for any key, with the rules keys and values follow.
  if (object.additionalProperties && typeof object.additionalProperties === "object") {
    const value = object.additionalProperties as JsonSchema;
    const keys = object.propertyNames as JsonSchema | undefined;
    const path = walk.prefix ? `${walk.prefix}.{key}` : "{key}";
    const row = fieldRow("{key}", path, value, false, walk.depth, components);
    const keyRules = keys ? schemaConstraints(keys).map((c) => ({ ...c, label: `key ${c.label}` })) : [];
    out.push({ ...row, constraints: [...keyRules, ...row.constraints], description: row.description ?? "Any key you choose." });
    addNested(value, path, components, walk, out);
  }
}

/** Expands what a field holds: an object's fields, or an array's items, one level deeper. */
function addNested(property: JsonSchema, path: string, components: SchemaComponents, walk: Walk, out: FieldRow[]) {
  const { schema, name } = resolveRef(property, components);
  if (name && walk.stack.includes(name)) return;
  const stack = name ? [...walk.stack, name] : walk.stack;
  const inner = expandable(schema, components);
  if (inner?.kind === "object") addFields(inner.schema, components, { prefix: path, depth: walk.depth + 1, stack }, out);
  if (inner?.kind === "items") addNested(inner.schema, `${path}[]`, components, { ...walk, stack }, out);
}

function expandable(schema: JsonSchema, components: SchemaComponents): { kind: "object" | "items"; schema: JsonSchema } | null {
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants) {
    for (const v of variants) {
      const found = expandable(resolveRef(v, components).schema, components);
      if (found) return found;
    }
    return null;
  }
  if (schema.items && typeof schema.items === "object") return { kind: "items", schema: schema.items as JsonSchema };
  const merged = mergeAllOf(schema, components);
  const hasFields = Object.keys((merged.properties as object | undefined) ?? {}).length > 0;
  const isMap = Boolean(merged.additionalProperties && typeof merged.additionalProperties === "object");
  return hasFields || isMap ? { kind: "object", schema: merged } : null;
}

/** allOf parts merged into one object schema: properties and required lists combined. */
function mergeAllOf(schema: JsonSchema, components: SchemaComponents): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema;
  return (schema.allOf as JsonSchema[]).map((part) => mergeAllOf(resolveRef(part, components).schema, components)).reduce<JsonSchema>((acc, part) => ({
    ...acc,
    ...part,
    properties: { ...(acc.properties as object | undefined), ...(part.properties as object | undefined) },
    required: [...new Set([...((acc.required as string[] | undefined) ?? []), ...((part.required as string[] | undefined) ?? [])])],
  }), { properties: {}, required: [] });
}

function fieldRow(name: string, path: string, property: JsonSchema, required: boolean, depth: number, components: SchemaComponents): FieldRow {
  const { schema } = resolveRef(property, components);
  const description = typeof property.description === "string" ? property.description : typeof schema.description === "string" ? schema.description : null;
  return { path, name, depth, type: typeLabel(property, components), required, constraints: schemaConstraints(schema), description };
}

function withoutRef(schema: JsonSchema): JsonSchema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}
