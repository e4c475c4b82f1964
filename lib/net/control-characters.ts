/**
 * Control characters never belong in anything Malipo is sent: PostgreSQL's text and jsonb refuse
 * NUL outright (the statement fails), and the other C0 controls and DEL are at best invisible
 * noise in a log or a dashboard. Free text (a reason, a description) may hold tab and line breaks.
 */

/** C0 controls and DEL, except tab, line feed and carriage return. */
const FIELD_CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Every C0 control and DEL: a decoded URL path segment or query value holds none. */
const URL_CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;

export function hasUrlControlCharacter(text: string): boolean {
  return URL_CONTROL_CHARACTER.test(text);
}

export function hasFieldControlCharacter(text: string): boolean {
  return FIELD_CONTROL_CHARACTER.test(text);
}

/**
 * The path (`metadata.note`, `items.2`) of the first string, key or value, in a parsed JSON value or
 * form that holds a control character; null when there is none. Nesting is bounded by the caller's
 * body cap, so a plain recursion is safe.
 */
export function findControlCharacter(value: unknown, path: readonly (string | number)[] = []): string | null {
  if (typeof value === "string") return hasFieldControlCharacter(value) ? path.join(".") || "body" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], [...path, i]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (hasFieldControlCharacter(key)) return [...path, printable(key)].join(".");
      const found = findControlCharacter(child, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** A key as it can be shown in an error message: its control characters escaped. */
function printable(key: string): string {
  return JSON.stringify(key).slice(1, -1).slice(0, 60);
}
