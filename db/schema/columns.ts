import { integer, timestamp, uuid } from "drizzle-orm/pg-core";

// Columns shared by every editable row. `version` is checked and bumped by every write
// (UPDATE … WHERE id = $1 AND version = $2), so a stale write can never overwrite a newer one.
export const id = () => uuid().primaryKey().defaultRandom();
export const version = () => integer().notNull().default(1);
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
