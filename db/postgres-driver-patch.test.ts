import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without type declarations
import { MARKER, driverDir } from "../scripts/patch-postgres.mjs";

// The postgres.js crash fixes live in node_modules, applied by `npm install`'s postinstall
// (scripts/patch-postgres.mjs). An install with --ignore-scripts would silently lose them.
it("the installed postgres driver carries the crash patches (run `node scripts/patch-postgres.mjs`)", () => {
  const dir: string = driverDir();
  for (const file of ["src/connection.js", "src/index.js", "cjs/src/connection.js", "cjs/src/index.js"]) {
    expect(readFileSync(join(dir, file), "utf8"), file).toContain(MARKER);
  }
});
