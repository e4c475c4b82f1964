"use client";

import { useActionState, useState } from "react";
import { signInAction, type SignInState } from "@/lib/actions/session";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/30";

/**
 * Email and password, then — for an account with a second factor — the code from the app. The
 * fields are controlled so that they survive the round trip that asks for the code.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { error: null });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  return (
    <form action={action} className="space-y-4" data-testid="login-form">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} className={inputClass} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} className={inputClass} />
      </div>
      {state.needCode ? (
        <div>
          <label htmlFor="code" className="block text-sm font-medium text-slate-700">Authentication code</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" required autoFocus className={inputClass} aria-describedby="code-help" />
          <p id="code-help" className="mt-1 text-xs text-slate-600">The 6 digits your authenticator app shows for Malipo, or one of your recovery codes.</p>
        </div>
      ) : null}
      {state.error && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="login-error" role="status">{state.error}</p>
      )}
      <button type="submit" disabled={pending}
        className="w-full rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
