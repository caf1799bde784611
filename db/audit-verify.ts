// `npm run audit:verify`: checks every organization's audit chain and names the first event
// that was changed, removed or slipped in. Exits 1 when a chain is broken. Point it at the same
// database as the server (DATABASE_URL; on embedded Postgres only while the server is stopped).
import { verifyAuditTrail } from "@/lib/dal/audit-chain";
import { databaseHandle } from "./index";

async function main() {
  const handle = databaseHandle();
  try {
    const result = await verifyAuditTrail(handle.db);
    for (const chain of result.chains) {
      const name = chain.organizationName ?? chain.chainKey;
      console.log(chain.problem ? `BROKEN  ${name}: ${chain.problem.message}` : `ok      ${name}: ${chain.events} events`);
    }
    console.log(result.ok ? `The audit trail is whole (${result.chains.length} chains).` : "The audit trail was tampered with: see BROKEN above.");
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
