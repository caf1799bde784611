import { z } from "zod";

// The only reader of process.env. Parsed once, lazily (so `next build` never needs runtime
// secrets), and validated: a bad configuration stops the server at start with every problem
// listed, instead of failing on some later request.

const PLACEHOLDER_SECRETS = /^(changeme|change-me|secret|placeholder|your[-_]?secret|xxx+|test)$/i;

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const positiveInt = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    // The owner role that runs migrations (docs/database-roles.md). When set, DATABASE_URL's role
    // owns nothing and is granted what the app needs after each migration.
    MIGRATION_DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    // A production server refuses to start as a superuser or the tables' owner unless this says so.
    ALLOW_PRIVILEGED_DATABASE_USER: booleanString.default(false),
    DATABASE_POOL_MAX: positiveInt(10, 200),
    PGLITE_DIR: z.string().trim().min(1).default(".data/pglite"),
    READYROOM_SEED_DEMO: booleanString.optional(),
    AUTH_SECRET: z.string().optional(),
    // The public origin users reach (https://readyroom.example.org). next-auth reads it itself;
    // validated here so a typo stops the start instead of breaking sign-in redirects.
    AUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).default("Single sign-on"),
    SESSION_MAX_AGE_MINUTES: positiveInt(8 * 60, 30 * 24 * 60),
    // Failed sign-ins allowed for one account from one address before pauses begin (1 minute,
    // doubling up to SIGN_IN_LOCKOUT_MINUTES); the account-wide allowance is larger, so a
    // stranger's guesses cannot lock the account's owner out at once.
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: positiveInt(5, 1000),
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT: positiveInt(50, 10000),
    SIGN_IN_MAX_FAILURES_PER_IP: positiveInt(100, 100000),
    SIGN_IN_LOCKOUT_MINUTES: positiveInt(15, 24 * 60),
    // The machine API (/api/v1): requests one token may make per minute on one app instance,
    // and the largest body it accepts.
    API_TOKEN_REQUESTS_PER_MINUTE: positiveInt(600, 1_000_000),
    API_BODY_LIMIT_BYTES: positiveInt(16 * 1024, 1024 * 1024),
    // A signature needs a sign-in (or a re-entered password) younger than this.
    SIGN_OFF_REAUTH_MINUTES: positiveInt(15, 24 * 60),
    // Webhooks to private, loopback or link-local addresses are refused unless this says the
    // receiver lives in the organization's own network.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: booleanString.default(false),
    // How many proxies (load balancer, CDN) in front of the app append to X-Forwarded-For.
    TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
    // Which organizations (slugs) may sign in through the OIDC provider: binds the identity
    // provider to the health systems (or the vendor) that actually use it.
    AUTH_OIDC_ORGANIZATIONS: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(",").map((slug) => slug.trim()).filter(Boolean) : [])),
    // The demo accounts share a published password. On a real server in production they are
    // refused unless this acknowledges it (for a demo or benchmark server, never a live one).
    READYROOM_ALLOW_DEMO_ACCOUNTS: booleanString.optional(),
    // Mail (lib/mail): sent through this SMTP server (smtp://user:pass@host:587, smtps://…);
    // without it, mail is logged to the console and kept for admins' Sent mail page.
    SMTP_URL: z
      .string()
      .trim()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    // Only to print the first-admin setup link when AUTH_URL is not set (next start -p sets it).
    PORT: z.coerce.number().int().min(1).max(65535).optional(),
    MAIL_FROM: z.string().trim().min(3).default("Readyroom <readyroom@localhost>"),
    // Single-use links: how long each stays valid.
    INVITATION_TTL_HOURS: positiveInt(7 * 24, 30 * 24),
    PASSWORD_RESET_TTL_MINUTES: positiveInt(30, 24 * 60),
    SIGN_IN_LINK_TTL_MINUTES: positiveInt(15, 24 * 60),
    // Mail a signed-out person can ask for (password reset, sign-in link): at most this many per
    // account and kind per window, and this many requests per client address per window. Over
    // the limit the answer on screen is the same, but no mail is queued (docs/security.md).
    MAIL_REQUESTS_PER_ACCOUNT: positiveInt(3, 1000),
    MAIL_REQUESTS_PER_ACCOUNT_WINDOW_MINUTES: positiveInt(15, 24 * 60),
    MAIL_REQUESTS_PER_ADDRESS: positiveInt(20, 100000),
    MAIL_REQUESTS_PER_ADDRESS_WINDOW_MINUTES: positiveInt(60, 24 * 60),
    // How often the silent-failure watch evaluates each implementation with recent interface
    // figures (docs/hypercare.md): every minute unless set.
    HYPERCARE_INTERVAL_SECONDS: positiveInt(60, 24 * 60 * 60),
    // Benchmark instrumentation (bench/): counts SQL statements and serves the empty routes
    // under /api/bench and /bench. Off unless set; never for a live server.
    READYROOM_BENCH: booleanString.optional(),
  })
  .superRefine((env, ctx) => {
    const secret = env.AUTH_SECRET?.trim();
    if (env.NODE_ENV === "production") {
      if (!secret) {
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_SECRET"],
          message: "is required in production (generate one with `openssl rand -base64 32`)",
        });
      } else if (secret.length < 32 || PLACEHOLDER_SECRETS.test(secret)) {
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_SECRET"],
          message: "must be a random value of at least 32 characters, not a placeholder",
        });
      }
    }
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_OIDC_ISSUER"],
        message: "AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET go together",
      });
    }
    if (oidc.every(Boolean) && env.AUTH_OIDC_ORGANIZATIONS.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_OIDC_ORGANIZATIONS"],
        message: "must list the organization slugs whose users sign in through this OIDC provider",
      });
    }
    const seeding = env.READYROOM_SEED_DEMO ?? !env.DATABASE_URL;
    if (env.NODE_ENV === "production" && env.DATABASE_URL && seeding && !env.READYROOM_ALLOW_DEMO_ACCOUNTS) {
      ctx.addIssue({
        code: "custom",
        path: ["READYROOM_SEED_DEMO"],
        message:
          "would create demo accounts with a published password on a production server; set READYROOM_ALLOW_DEMO_ACCOUNTS=true only for a demo or benchmark server",
      });
    }
    if (env.NODE_ENV === "production" && env.READYROOM_BENCH && !env.READYROOM_ALLOW_DEMO_ACCOUNTS) {
      ctx.addIssue({
        code: "custom",
        path: ["READYROOM_BENCH"],
        message:
          "turns on benchmark instrumentation; on a production build it also needs READYROOM_ALLOW_DEMO_ACCOUNTS=true, which says this is a demo or benchmark server",
      });
    }
  })
  .transform((env) => ({
    ...env,
    READYROOM_BENCH: env.READYROOM_BENCH ?? false,
    // The demo seeds itself on embedded Postgres; a real server is seeded only when asked.
    READYROOM_SEED_DEMO: env.READYROOM_SEED_DEMO ?? !env.DATABASE_URL,
    oidc:
      env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET
        ? {
            issuer: env.AUTH_OIDC_ISSUER,
            clientId: env.AUTH_OIDC_CLIENT_ID,
            clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
            name: env.AUTH_OIDC_NAME,
            organizations: env.AUTH_OIDC_ORGANIZATIONS,
          }
        : null,
  }));

export type Env = z.output<typeof schema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Readyroom cannot start: invalid configuration\n  - ${problems.join("\n  - ")}`);
    this.name = "InvalidEnvironmentError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most deployment tools.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`),
    );
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
