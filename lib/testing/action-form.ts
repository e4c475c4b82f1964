/** What a server action receives from a submitted form: the fields as FormData, and the state before any answer. */
export function formOf(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

export const IDLE = { status: "idle" } as const;
