/**
 * A JSON Schema (2020-12) validator for the keywords zod emits, so tests can hold real responses to
 * the OpenAPI document itself without a validator package. Any keyword it does not know is an
 * error, never silently passed. `strict` treats objects without `additionalProperties` as closed,
 * so a field the document does not list is reported.
 */

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(["description", "title", "default", "examples", "$schema", "$id", "deprecated", "readOnly", "writeOnly", "format"]);
const KNOWN = new Set(["$ref", "allOf", "anyOf", "oneOf", "type", "const", "enum", "properties", "required", "additionalProperties",
  "propertyNames", "items", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern"]);

export interface ValidateOptions {
  /** The document that `$ref`s point into. */
  root: unknown;
  strict?: boolean;
}

export function validateJsonSchema(schema: unknown, value: unknown, options: ValidateOptions, path = "$"): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: no value is allowed here`];
  const s = schema as Schema;
  for (const key of Object.keys(s)) {
    if (!KNOWN.has(key) && !ANNOTATIONS.has(key) && !key.startsWith("x-")) throw new Error(`unsupported JSON Schema keyword "${key}" at ${path}`);
  }
  const errors: string[] = [];
  const sub = (schema2: unknown, value2: unknown, path2 = path) => validateJsonSchema(schema2, value2, options, path2);
  if (typeof s.$ref === "string") errors.push(...sub(resolvePointer(options.root, s.$ref), value));
  if (s.allOf) {
    // Each part alone sees only some properties; strictness applies to what the parts declare together.
    for (const part of s.allOf as unknown[]) errors.push(...validateJsonSchema(part, value, { ...options, strict: false }, path));
    if (options.strict && isObject(value)) {
      const declared = new Set((s.allOf as unknown[]).flatMap((part) => declaredProperties(part, options.root)));
      for (const name of Object.keys(value)) if (!declared.has(name)) errors.push(`${path}.${name}: not in the schema`);
    }
  }
  if (s.anyOf && !(s.anyOf as unknown[]).some((part) => sub(part, value).length === 0)) errors.push(`${path}: matches none of anyOf`);
  if (s.oneOf && (s.oneOf as unknown[]).filter((part) => sub(part, value).length === 0).length !== 1) errors.push(`${path}: does not match exactly one of oneOf`);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => hasType(value, t))) return [...errors, `${path}: expected ${types.join(" or ")}, got ${JSON.stringify(value)?.slice(0, 60)}`];
  }
  if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(value)) errors.push(`${path}: must be ${JSON.stringify(s.const)}`);
  if (s.enum && !(s.enum as unknown[]).some((v) => JSON.stringify(v) === JSON.stringify(value))) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) errors.push(`${path}: below minimum ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) errors.push(`${path}: above maximum ${s.maximum}`);
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum) errors.push(`${path}: not above ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum) errors.push(`${path}: not below ${s.exclusiveMaximum}`);
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof s.minLength === "number" && length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) errors.push(`${path}: does not match ${s.pattern}`);
  }
  if (Array.isArray(value) && s.items !== undefined) value.forEach((item, i) => errors.push(...sub(s.items, item, `${path}[${i}]`)));
  if (isObject(value)) errors.push(...validateObject(s, value, options, path));
  return errors;
}

function validateObject(s: Schema, value: Record<string, unknown>, options: ValidateOptions, path: string): string[] {
  const errors: string[] = [];
  const properties = (s.properties as Record<string, unknown>) ?? {};
  for (const name of (s.required as string[]) ?? []) if (!(name in value)) errors.push(`${path}: missing required "${name}"`);
  for (const [name, v] of Object.entries(value)) {
    const at = `${path}.${name}`;
    if (s.propertyNames !== undefined) errors.push(...validateJsonSchema(s.propertyNames, name, options, `${at} (name)`));
    if (name in properties) errors.push(...validateJsonSchema(properties[name], v, options, at));
    else if (s.additionalProperties !== undefined) errors.push(...validateJsonSchema(s.additionalProperties, v, options, at));
    // A closed object in strict mode: only when this schema describes properties at all.
    else if (options.strict && s.properties !== undefined) errors.push(`${at}: not in the schema`);
  }
  return errors;
}

function declaredProperties(schema: unknown, root: unknown): string[] {
  const s = schema as Schema;
  const own = Object.keys((s.properties as object) ?? {});
  const referenced = typeof s.$ref === "string" ? declaredProperties(resolvePointer(root, s.$ref), root) : [];
  const parts = ((s.allOf as unknown[]) ?? []).flatMap((part) => declaredProperties(part, root));
  return [...own, ...referenced, ...parts];
}

/** Follows a local JSON pointer such as #/components/schemas/Payment. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (!pointer.startsWith("#/")) throw new Error(`only local $refs are supported: ${pointer}`);
  let node: unknown = root;
  for (const raw of pointer.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) && !Array.isArray(node)) throw new Error(`$ref ${pointer} does not resolve`);
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) throw new Error(`$ref ${pointer} does not resolve`);
  }
  return node;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null": return value === null;
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "string": return typeof value === "string";
    case "boolean": return typeof value === "boolean";
    case "array": return Array.isArray(value);
    case "object": return isObject(value);
    default: throw new Error(`unknown JSON Schema type ${type}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
