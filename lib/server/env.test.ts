import { describe, expect, it } from "vitest";
import { InvalidEnvironmentError, parseEnv } from "./env";

const strongSecret = "q4X9v2mB7nL0sK3jH8gF5dS1aP6oI2uY";

describe("parseEnv", () => {
  it("runs the demo on embedded Postgres with no configuration in development", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe(".data/pglite");
    expect(env.READYROOM_SEED_DEMO).toBe(true);
    expect(env.oidc).toBeNull();
  });

  it("does not seed demo data into a real server unless asked", () => {
    const url = "postgres://app@db.internal:5432/readyroom";
    expect(parseEnv({ DATABASE_URL: url }).READYROOM_SEED_DEMO).toBe(false);
    expect(parseEnv({ DATABASE_URL: url, READYROOM_SEED_DEMO: "true" }).READYROOM_SEED_DEMO).toBe(true);
  });

  it("refuses to start in production without a secret", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET is required in production/);
  });

  it.each(["changeme", "secret", "short-but-random", "placeholder"])(
    "refuses the placeholder or short secret %j in production",
    (secret) => {
      expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret })).toThrow(InvalidEnvironmentError);
    },
  );

  it("accepts a strong secret in production", () => {
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: strongSecret }).AUTH_SECRET).toBe(strongSecret);
  });

  it("lists every problem at once, naming each variable", () => {
    try {
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "mysql://x", SESSION_MAX_AGE_MINUTES: "-5" });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain("SESSION_MAX_AGE_MINUTES");
      expect(message).toContain("AUTH_SECRET");
    }
  });

  it("needs all three OIDC settings or none", () => {
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: "https://login.example.org" })).toThrow(/go together/);
    const oidc = {
      AUTH_OIDC_ISSUER: "https://login.example.org",
      AUTH_OIDC_CLIENT_ID: "readyroom",
      AUTH_OIDC_CLIENT_SECRET: "s3cret",
      AUTH_OIDC_NAME: "Okta",
    };
    expect(() => parseEnv(oidc)).toThrow(/AUTH_OIDC_ORGANIZATIONS must list/);
    const env = parseEnv({ ...oidc, AUTH_OIDC_ORGANIZATIONS: "riverbend, lakeshore" });
    expect(env.oidc).toEqual({
      issuer: "https://login.example.org",
      clientId: "readyroom",
      clientSecret: "s3cret",
      name: "Okta",
      organizations: ["riverbend", "lakeshore"],
    });
  });

  it("refuses to create demo accounts on a production server unless acknowledged", () => {
    const server = { NODE_ENV: "production", AUTH_SECRET: strongSecret, DATABASE_URL: "postgres://app@db:5432/rr" };
    expect(parseEnv(server).READYROOM_SEED_DEMO).toBe(false);
    expect(() => parseEnv({ ...server, READYROOM_SEED_DEMO: "true" })).toThrow(/published password/);
    expect(parseEnv({ ...server, READYROOM_SEED_DEMO: "true", READYROOM_ALLOW_DEMO_ACCOUNTS: "true" }).READYROOM_SEED_DEMO).toBe(true);
  });

  it("keeps benchmark instrumentation off unless asked, and off a live production server", () => {
    const server = { NODE_ENV: "production", AUTH_SECRET: strongSecret, DATABASE_URL: "postgres://app@db:5432/rr" };
    expect(parseEnv(server).READYROOM_BENCH).toBe(false);
    expect(parseEnv({ NODE_ENV: "development", READYROOM_BENCH: "1" }).READYROOM_BENCH).toBe(true);
    expect(() => parseEnv({ ...server, READYROOM_BENCH: "true" })).toThrow(/READYROOM_BENCH/);
    expect(parseEnv({ ...server, READYROOM_BENCH: "true", READYROOM_ALLOW_DEMO_ACCOUNTS: "true" }).READYROOM_BENCH).toBe(true);
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", AUTH_SECRET: "" }).DATABASE_URL).toBeUndefined();
  });
});
