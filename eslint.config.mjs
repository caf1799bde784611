import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Only the data-access layer (and db/ itself) may touch the database client or schema.
const dbImportBan = {
  patterns: [
    {
      group: ["@/db", "@/db/*", "**/db", "**/db/*"],
      message: "Only lib/dal/** and db/** may import db/. Go through the data-access layer.",
    },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-e2e/**", ".next-bench/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    rules: {
      "no-restricted-imports": ["error", dbImportBan],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // bench/ is a tool like db/cli.ts: it builds its own database, outside the app.
    files: ["lib/dal/**", "db/**", "bench/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // The security suite checks the database itself: row counts and checksums before/after.
    files: ["test/**"],
    rules: { "no-restricted-imports": "off" },
  },
];

export default config;
