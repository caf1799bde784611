import { sql } from "drizzle-orm";
import { check, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { savedViewLists } from "@/lib/domain/vocabulary";
import { createdAt, id } from "./columns";
import { users } from "./organizations";

export const savedViewList = pgEnum("saved_view_list", savedViewLists);

// A person's named view of a list: its filters and sort as URL parameters, written by the
// list's own parser (lib/validation/saved-views.ts), so opening it is following a link. Only
// its owner ever reads or deletes it (lib/dal/saved-views.ts).
export const savedViews = pgTable(
  "saved_views",
  {
    id: id(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    list: savedViewList().notNull(),
    name: text().notNull(),
    // Without the leading "?"; empty is the list as it opens.
    query: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // One name per person and list, whatever its case; also the index a person's views are read by.
    uniqueIndex("saved_views_owner_list_name_key").on(t.ownerId, t.list, sql`lower(${t.name})`),
    check("saved_views_name_length", sql`char_length(${t.name}) between 1 and 80`),
    check("saved_views_query_length", sql`char_length(${t.query}) <= 2000`),
  ],
);
