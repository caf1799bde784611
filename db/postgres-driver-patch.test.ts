import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

// The postgres.js crash fixes (patches/postgres+3.4.9.patch) are applied by `npm install`'s
// postinstall (patch-package). An install with --ignore-scripts would silently lose them.
const MARKER = "readyroom-patch:";

it("the installed postgres driver carries the crash patches (run `npx patch-package`)", () => {
  const dir = join(process.cwd(), "node_modules", "postgres");
  expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version, "patches/ names the version it fits").toBe("3.4.9");
  for (const file of ["src/connection.js", "src/index.js", "cjs/src/connection.js", "cjs/src/index.js", "cf/src/connection.js"]) {
    expect(readFileSync(join(dir, file), "utf8"), file).toContain(MARKER);
  }
});
