// Patches the postgres.js driver (postgres 3.4.9, the newest release) after `npm install`, for
// what happens to a connection when the database crashes under it. Unpatched, a write in flight
// at the crash could hang its request, throw an uncaughtException ("Cannot read properties of
// null (reading 'write')", porsager/postgres#1154, #1208), and leave the pooled connection
// wedged so that later requests failed with CONNECT_TIMEOUT after the database was back.
//
// Each change is an exact text replacement, checked: the script fails loudly if the driver's
// version or text is not the one patched here (remove the script once a release fixes these),
// and running it twice changes nothing. db/postgres-driver-patch.test.ts checks it was applied;
// db/postgres-crash.db.test.ts proves the behaviour.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const MARKER = "readyroom-patch:";
const VERSION = "3.4.9";

const connectionPatches = [
  {
    why: "a connection without a socket has no session: refuse the statement (a closed transaction's ROLLBACK, say) instead of buffering it for nobody",
    from: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))
`,
    to: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))

    // ${MARKER} no socket: the session is gone; refuse rather than write to nothing (true: keep the connection where it is)
    if (!socket)
      return queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true
`,
  },
  {
    why: "a write scheduled before the socket went away settles its queries instead of throwing from setImmediate",
    from: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)
`,
    to: `  function nextWrite(fn) {
    // ${MARKER} the socket closed before this write ran (porsager/postgres#1208): drop it, reject its queries
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return true
    }
    const x = socket.write(chunk, fn)
`,
  },
  {
    why: "bytes and an error response of the dead socket never reach the next one, and the write timer is reset (else every later write waits forever)",
    from: `    incomings = null
    clearImmediate(nextWriteTimer)
`,
    to: `    incomings = null
    clearImmediate(nextWriteTimer)
    // ${MARKER} nothing of the dead session carries over to the next socket
    chunk = nextWriteTimer = errorResponse = null
`,
  },
  {
    why: "queries still waiting on a socket that closed with an error are rejected too, and none stays current",
    from: `    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
`,
    to: `    // ${MARKER} also after an error: a statement sent between the error and the close would wait forever
    ;(query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    query = null
`,
  },
];

const indexPatches = [
  {
    why: "once a transaction's connection has closed, its later statements are refused, never run on a reconnected session outside the transaction",
    from: `      return await Promise.race([
        scope(connection, fn),
        new Promise((_, reject) => connection.onclose = reject)
      ])`,
    to: `      return await Promise.race([
        scope(connection, fn),
        // ${MARKER} remember the close: the scope's later statements must not run outside the transaction
        new Promise((_, reject) => connection.onclose = e => {
          closedError = e || Errors.generic('CONNECTION_CLOSED', 'the transaction connection closed')
          while (queries.length) queries.shift().reject(closedError)
          reject(closedError)
        })
      ])`,
  },
  {
    why: "see above",
    from: `    let savepoints = 0
      , connection
      , prepare = null
`,
    to: `    let savepoints = 0
      , connection
      , prepare = null
      , closedError = null // ${MARKER}
`,
  },
  {
    why: "see above",
    from: `      function handler(q) {
        q.catch(e => uncaughtError || (uncaughtError = e))
        c.queue === full
`,
    to: `      function handler(q) {
        q.catch(e => uncaughtError || (uncaughtError = e))
        if (closedError) // ${MARKER}
          return q.reject(closedError)
        c.queue === full
`,
  },
];

function patchFile(path, patches) {
  let text = readFileSync(path, "utf8");
  if (text.includes(MARKER)) return "already patched";
  for (const { from, to, why } of patches) {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new Error(`patch-postgres: ${path} does not contain exactly one copy of the text to patch (${why}). Was the driver upgraded? Check the fix upstream and update scripts/patch-postgres.mjs.`);
    }
    text = text.slice(0, at) + to + text.slice(at + from.length);
  }
  writeFileSync(path, text);
  return "patched";
}

export function driverDir() {
  // The package's exports hide package.json: resolve its CommonJS entry (cjs/src/index.js).
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("postgres")), "..", "..");
}

export function patchPostgres(dir = driverDir()) {
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (version !== VERSION) {
    throw new Error(`patch-postgres: expected postgres ${VERSION}, found ${version}. Check whether the new release fixes porsager/postgres#1208, then update or remove scripts/patch-postgres.mjs.`);
  }
  const results = [];
  // src: Node's import; cjs: require (Next's bundles); cf: Cloudflare Workers, patched alike.
  for (const variant of ["src", "cjs/src", "cf/src"]) {
    const connection = join(dir, variant, "connection.js");
    const index = join(dir, variant, "index.js");
    if (!existsSync(connection)) continue;
    results.push(`${variant}/connection.js ${patchFile(connection, connectionPatches)}`);
    results.push(`${variant}/index.js ${patchFile(index, indexPatches)}`);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of patchPostgres()) console.log(`patch-postgres: ${line}`);
}
