import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/server/env";

// The address links in e-mail point to. AUTH_URL when set (it should be on a real server, so a
// forged Host header can never put another site into a reset link); else this request's host.
export async function publicOrigin(): Promise<string> {
  const config = env();
  if (config.AUTH_URL) return new URL(config.AUTH_URL).origin;
  const h = await headers();
  const host = h.get("host") ?? "";
  const safeHost = /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) ? host : `localhost:${config.PORT ?? 3000}`;
  const proto = config.TRUSTED_PROXY_COUNT > 0 && h.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${safeHost}`;
}
