import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/server/env";
import { clientAddress } from "./client-address";

// The address of the request being served, for throttling password checks.
export async function requestAddress(): Promise<string> {
  return clientAddress(await headers(), env().TRUSTED_PROXY_COUNT);
}
