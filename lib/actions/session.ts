"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";

export interface SignInState {
  error: string | null;
  /** The account has a second factor: the form asks for its code. */
  needCode?: boolean;
}

const signInSchema = z.object({
  email: z.string().max(320).catch(""),
  password: z.string().max(200).catch(""),
  code: z.string().max(40).catch(""),
  callbackUrl: z.string().max(2000).catch("/"),
});

const REFUSALS: Record<string, SignInState> = {
  throttled: { error: "Too many failed attempts. Wait a few minutes and try again." },
  code_required: { error: "Enter the 6-digit code from your authenticator app, or a recovery code.", needCode: true },
  code_invalid: { error: "That code is not right, or it was used already. Enter the code the app shows now.", needCode: true },
};

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
      code: input.code,
      redirectTo: safeRedirectPath(input.callbackUrl),
    });
    return { error: null };
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code;
      return REFUSALS[code ?? ""] ?? { error: "Wrong email or password." };
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
