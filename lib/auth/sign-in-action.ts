"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";

export interface SignInState {
  error: string | null;
}

/** Sign-in form action: redirects on success, returns a message a person can act on otherwise. */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const callbackUrl = String(formData.get("callbackUrl") ?? "/");
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      // Only same-site paths: an open redirect would let a phishing link bounce through us.
      redirectTo: callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/",
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
