import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { authenticateUser } from "@/lib/auth/authenticate-user";
import { getClientAddress } from "@/lib/http/peer-address";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: "ADMIN" | "FINANCE" } & DefaultSession["user"];
  }
}

class ThrottledSignin extends CredentialsSignin {
  override code = "throttled";
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
        credentials: { email: {}, password: {} },
        authorize: async (credentials, request) => {
          // The peer address our web server recorded (X-Forwarded-For only from trusted proxies):
          // a client-chosen header would let an attacker dodge the per-address throttle.
          const address = getClientAddress(request, env.callbacks.trustedProxies);
          const result = await authenticateUser(getDb(), credentials, address ?? "unknown", env.signin);
          if (!result.ok) {
            if (result.reason === "throttled") throw new ThrottledSignin();
            return null;
          }
          return result.user;
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => {
        if (user) {
          token.uid = user.id;
          token.role = (user as { role: "ADMIN" | "FINANCE" }).role;
        }
        return token;
      },
      session: ({ session, token }) => {
        session.user.id = token.uid as string;
        session.user.role = token.role as "ADMIN" | "FINANCE";
        return session;
      },
    },
  };
});
