"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";

export interface SignInState {
  error: string | null;
}

const signInSchema = z.object({
  email: z.string().max(320).catch(""),
  password: z.string().max(200).catch(""),
  callbackUrl: z.string().max(2000).catch("/"),
});

/**
 * name: session.sign_in · auth: public (it is how one becomes a user). Credentials are checked,
 * throttled and recorded by Auth.js's authorize (lib/auth/auth.ts); this redirects on success and
 * returns a message a person can act on otherwise.
 */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const input = signInSchema.parse(Object.fromEntries(formData));
  try {
    await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirectTo: safeRedirectPath(input.callbackUrl),
    });
    return { error: null };
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code;
      return { error: code === "throttled" ? "Too many failed attempts. Wait a few minutes and try again." : "Wrong email or password." };
    }
    throw error;
  }
}

/**
 * name: session.sign_out · input: none · auth: public — anyone may end their own session, including
 * one whose account was disabled meanwhile.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

// Only same-site paths: an open redirect would let a phishing link bounce through us.
function safeRedirectPath(path: string): string {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}
