import { connection } from "next/server";
import { NotFoundMessage } from "@/components/ui/not-found-message";

// Rendered per request, not prerendered at build: a static page cannot carry the request's CSP
// nonce, and its scripts would be blocked.
export default async function NotFound() {
  await connection();
  return <NotFoundMessage landmark />;
}
