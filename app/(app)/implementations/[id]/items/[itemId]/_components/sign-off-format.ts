import { formatUtc } from "@/lib/format/dates";
// How the sign-off widgets write a moment: to the minute, in UTC, said so.
export const utc = formatUtc;
