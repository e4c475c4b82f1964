/** One rule a value must follow: words, then literal values shown as code ("one of" `pending`, `failed`). */
export interface Constraint {
  label: string;
  values: string[];
}

type JsonSchema = Record<string, unknown>;

// zod states the bounds of a safe integer on every int(); they limit nothing a reader needs to know.
const isMeaningfulBound = (n: unknown): n is number => typeof n === "number" && Math.abs(n) < Number.MAX_SAFE_INTEGER;

/**
 * The rules of a schema node in words: allowed values, ranges, lengths, pattern, format, default.
 * Alternatives (anyOf) contribute the rules of each variant, so "string of 1 to 13 characters, or
 * null" keeps its length.
 */
export function schemaConstraints(schema: JsonSchema): Constraint[] {
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  const own = ownConstraints(schema);
  if (!variants) return own;
  const seen = new Set<string>();
  return [...own, ...variants.flatMap(schemaConstraints)].filter((c) => {
    const key = `${c.label}\u0000${c.values.join("\u0000")}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function ownConstraints(s: JsonSchema): Constraint[] {
  const out: Constraint[] = [];
  if (s.const !== undefined) out.push({ label: "always", values: [literal(s.const)] });
  if (Array.isArray(s.enum)) out.push({ label: "one of", values: s.enum.map(literal) });
  const range = bounds(s.minimum, s.maximum) ?? bounds(s.exclusiveMinimum, s.exclusiveMaximum, "exclusive");
  if (range) out.push({ label: range, values: [] });
  const length = bounds(s.minLength, s.maxLength);
  if (length) out.push({ label: `length ${length}`, values: [] });
  const items = bounds(s.minItems, s.maxItems);
  if (items) out.push({ label: `items ${items}`, values: [] });
  if (typeof s.format === "string") out.push({ label: "format", values: [s.format] });
  if (typeof s.pattern === "string") out.push({ label: "pattern", values: [s.pattern] });
  if (s.default !== undefined) out.push({ label: "default", values: [literal(s.default)] });
  return out;
}

function bounds(min: unknown, max: unknown, kind?: "exclusive"): string | null {
  const lo = isMeaningfulBound(min) ? min : null;
  const hi = isMeaningfulBound(max) ? max : null;
  const suffix = kind ? " (exclusive)" : "";
  if (lo !== null && hi !== null) return lo === hi ? `exactly ${lo}` : `${lo} to ${hi}${suffix}`;
  if (lo !== null) return `at least ${lo}${suffix}`;
  if (hi !== null) return `at most ${hi}${suffix}`;
  return null;
}

// Strings appear bare (they are shown as code already); anything else as its JSON text.
function literal(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
