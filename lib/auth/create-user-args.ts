import { parseArgs } from "node:util";
import { z } from "zod";

const argsSchema = z.object({
  email: z.string({ message: "--email is required" }).trim().toLowerCase().email("--email must be an email address"),
  name: z.string({ message: "--name is required" }).trim().min(1, "--name must not be empty"),
  role: z.enum(["ADMIN", "FINANCE"], { message: "--role must be ADMIN or FINANCE" }).default("FINANCE"),
});

export type CreateUserArgs = z.infer<typeof argsSchema>;

/** `--email a@b --name "A B" --role ADMIN` → the fields, or a message for the terminal. */
export function parseCreateUserArgs(argv: string[]): { ok: true; args: CreateUserArgs } | { ok: false; message: string } {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } }, strict: true }).values;
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const role = typeof values.role === "string" ? values.role.toUpperCase() : undefined;
  const parsed = argsSchema.safeParse({ ...values, role });
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("\n") };
  return { ok: true, args: parsed.data };
}
