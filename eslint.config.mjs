import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

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
    // Type-aware rules: a promise nobody awaits loses its error (and, in a transaction, its
    // ordering); a promise where a callback's return is ignored never reports failure.
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // A DELETE or UPDATE without WHERE touches every row of the table.
    files: ["**/*.{ts,tsx}"],
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "getDb", "executor"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "getDb", "executor"] }],
    },
  },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    rules: {
      "import/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", ["parent", "sibling", "index"]],
          pathGroups: [{ pattern: "@/**", group: "internal" }],
          pathGroupsExcludedImportTypes: ["builtin"],
          "newlines-between": "never",
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
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
