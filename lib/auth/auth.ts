import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { authenticateUser, type AuthFailure } from "@/lib/auth/authenticate-user";
import { revokeUserSession } from "@/lib/auth/user-sessions";
import { getClientAddress } from "@/lib/net/peer-address";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: "ADMIN" | "FINANCE"; sessionId: string } & DefaultSession["user"];
  }
}

/** A refused sign-in that tells the form what to say (lib/actions/session.ts maps the code). */
class SignInRefused extends CredentialsSignin {
  constructor(reason: Exclude<AuthFailure, "invalid">) {
    super();
    this.code = reason;
  }
}

// Lazy configuration: settings are read at the first request, not when Next builds the app.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  return {
    secret: env.secrets.auth,
    trustHost: true,
    session: { strategy: "jwt", maxAge: env.sessionMaxAgeSeconds },
    pages: { signIn: "/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {}, code: {} },
        authorize: async (credentials, request) => {
          // The peer address our web server recorded (X-Forwarded-For only from trusted proxies):
          // a client-chosen header would let an attacker dodge the per-address throttle.
          const address = getClientAddress(request, env.callbacks.trustedProxies);
          const result = await authenticateUser(getDb(), credentials, address ?? "unknown", {
            throttle: env.signin, dataSecret: env.secrets.data, sessionMaxAgeSeconds: env.sessionMaxAgeSeconds,
          });
          if (!result.ok) {
            if (result.reason === "invalid") return null;
            throw new SignInRefused(result.reason);
          }
          return { ...result.user, sessionId: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => {
        if (user) {
          const signedIn = user as { id: string; role: "ADMIN" | "FINANCE"; sessionId: string };
          token.uid = signedIn.id;
          token.role = signedIn.role;
          token.sid = signedIn.sessionId;
        }
        return token;
      },
      session: ({ session, token }) => {
        session.user.id = token.uid as string;
        session.user.role = token.role as "ADMIN" | "FINANCE";
        session.user.sessionId = token.sid as string;
        return session;
      },
    },
    events: {
      // Signing out ends the session on the server too: a copied cookie stops working with it.
      signOut: async (message) => {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await revokeUserSession(getDb(), sid);
      },
    },
  };
});
