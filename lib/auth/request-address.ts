import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";
import { getClientAddress } from "@/lib/net/peer-address";

/** The client address of the current request (sign-in throttle, audit rows), never a forged header. */
export async function getRequestAddress(): Promise<string | null> {
  const request = new Request("http://malipo.internal/", { headers: await headers() });
  return getClientAddress(request, getEnv().callbacks.trustedProxies);
}
