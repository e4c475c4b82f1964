import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's recommended memory/time cost for interactive logins.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A password we accept for a new account: long enough to resist guessing. */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return "must be at least 12 characters";
  if (password.length > 200) return "must be at most 200 characters";
  return null;
}
