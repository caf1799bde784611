// One contender in the PGlite lock race test (db/lock.db.test.ts): tries to take the lock,
// says whether it won, and holds it long enough for every other contender to try.
import { acquirePgliteLock, DatabaseLockedError } from "./index";

const dir = process.argv[2]!;
// Every contender starts at the same instant, so the takeover is a real race.
const startAt = Number(process.argv[3]);
while (Date.now() < startAt) {
  // spin
}
try {
  acquirePgliteLock(dir);
  console.log("won");
  setTimeout(() => process.exit(0), 4000);
} catch (error) {
  console.log(error instanceof DatabaseLockedError ? "locked" : `error: ${String(error)}`);
  process.exit(0);
}
