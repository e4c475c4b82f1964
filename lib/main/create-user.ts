// npm run user:create -- --email you@example.com --name "You" --role ADMIN
// Creates a dashboard user (the first admin of a production install). The password comes from
// MALIPO_NEW_USER_PASSWORD, from standard input when piped, or from a hidden prompt; it is never echoed.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseCreateUserArgs } from "@/lib/auth/create-user-args";
import { passwordProblem } from "@/lib/auth/password";
import { createPrisma } from "@/lib/db/client";
import { withDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { ConfigError, getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";

const parsed = parseCreateUserArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`${parsed.message}\nUsage: npm run user:create -- --email you@example.com --name "Your Name" --role ADMIN|FINANCE`);
  process.exit(2);
}

try {
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) throw new AppError("validation_failed", `The password ${problem}.`);
  const env = getEnv();
  await withDatabase(env, async (url) => {
    await migrate(url);
    const db = createPrisma(url, 2);
    try {
      const user = await createUser(db, { ...parsed.args, password, actor: { id: null, email: "command line (user:create)" } });
      console.log(`created ${user.role === "ADMIN" ? "admin" : "finance user"} ${user.email} (${user.id})`);
    } finally {
      await db.$disconnect();
    }
  });
} catch (error) {
  if (error instanceof AppError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.MALIPO_NEW_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? "";
  }
  const first = await prompt("Password (at least 12 characters): ");
  const second = await prompt("Repeat the password: ");
  if (first !== second) throw new AppError("validation_failed", "The passwords do not match.");
  return first;
}

/** Reads one line with echo off: the prompt is written, the typed characters are not. */
function prompt(question: string): Promise<string> {
  process.stdout.write(question);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question("", (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}
