import bcrypt from "bcryptjs";

// bcrypt, cost 12 (~0.25 s on this class of machine): slow enough to make offline guessing
// expensive, fast enough for a sign-in.
const COST = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

// Compared against when the account does not exist, so an unknown e-mail costs the same time
// as a wrong password and the response time does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  dummyHash ??= bcrypt.hash("readyroom-no-such-account", COST);
  const ok = await bcrypt.compare(password, hash ?? (await dummyHash));
  return ok && hash !== null;
}
