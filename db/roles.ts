import { sql } from "drizzle-orm";
import type { Database } from "./index";

// Least privilege in PostgreSQL (docs/database-roles.md). The app's role owns nothing: it may
// read and write the tables, but only INSERT and SELECT the audit trail, and it cannot disable
// a trigger (only an owner can) or set session_replication_role (only a superuser can) — the
// two ways an owner could rewrite the audit trail silently. Migrations run as the owner role.

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

// Run as the owner after migrating: gives `appRole` what the app needs and nothing more.
// Idempotent, so every start re-applies it to tables a new migration created.
export async function grantAppRole(owner: Database, appRole: string): Promise<void> {
  const role = quoteIdent(appRole);
  await owner.execute(sql.raw(`GRANT USAGE ON SCHEMA public TO ${role}`));
  await owner.execute(sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`));
  await owner.execute(sql.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`));
  await owner.execute(sql.raw(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM ${role}`));
  await owner.execute(sql.raw(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_chain_heads FROM ${role}`));
  await owner.execute(sql.raw(`REVOKE TRUNCATE, TRIGGER, REFERENCES ON ALL TABLES IN SCHEMA public FROM ${role}`));
}

export type PrivilegeProblem = "superuser" | "owns_tables" | "can_change_audit" | "bypasses_row_security";

// What the connected role could do to the audit trail beyond appending to it. Empty for a
// least-privilege role.
export async function databasePrivilegeProblems(db: Database): Promise<{ role: string; problems: PrivilegeProblem[] }> {
  const result = await db.execute(sql`
    SELECT current_user AS role,
      r.rolsuper AS superuser,
      r.rolbypassrls AS bypass_rls,
      EXISTS (
        SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE')
      ) AS owns_tables,
      (to_regclass('public.audit_events') IS NOT NULL AND (
        has_table_privilege('public.audit_events', 'UPDATE')
        OR has_table_privilege('public.audit_events', 'DELETE')
        OR has_table_privilege('public.audit_events', 'TRUNCATE'))) AS can_change_audit
    FROM pg_roles r WHERE r.rolname = current_user
  `);
  type Row = { role: string; superuser: boolean; bypass_rls: boolean; owns_tables: boolean; can_change_audit: boolean };
  // postgres-js answers with the rows, PGlite with { rows }.
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: Row[] }).rows) as Row[];
  const row = rows[0]!;
  const problems: PrivilegeProblem[] = [];
  if (row.superuser) problems.push("superuser");
  if (row.owns_tables) problems.push("owns_tables");
  if (row.can_change_audit) problems.push("can_change_audit");
  if (row.bypass_rls && !row.superuser) problems.push("bypasses_row_security");
  return { role: row.role, problems };
}

export function describePrivilegeProblems(role: string, problems: PrivilegeProblem[]): string {
  const what: Record<PrivilegeProblem, string> = {
    superuser: "is a superuser",
    owns_tables: "owns the tables (or is a member of their owner)",
    can_change_audit: "may UPDATE, DELETE or TRUNCATE the audit trail",
    bypasses_row_security: "bypasses row security",
  };
  return `The database role "${role}" ${problems.map((p) => what[p]).join(", ")}: it could rewrite the audit trail (disable its triggers, set session_replication_role). Run the app as a role that owns nothing and migrations as the owner (MIGRATION_DATABASE_URL); see docs/database-roles.md.`;
}

export async function currentRole(db: Database): Promise<string> {
  const result = await db.execute(sql`SELECT current_user AS role`);
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: { role: string }[] }).rows) as { role: string }[];
  return rows[0]!.role;
}
