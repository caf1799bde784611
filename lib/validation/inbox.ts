import { mailModes } from "@/lib/domain/vocabulary";
import { checkbox, hasHiddenCharacters, id, requiredText } from "./common";
import { z } from "./zod";

// The inbox, notification settings and item comments (lib/dal/inbox.ts, lib/dal/comments.ts).

export const markNotificationReadSchema = z.object({ notificationId: id("That notification") });
export type MarkNotificationReadInput = z.output<typeof markNotificationReadSchema>;

// The form names what it marks, so a crafted call without the form changes nothing.
export const markAllNotificationsReadSchema = z.object({ scope: z.literal("all", { error: "Reload the page and try again." }) });

export const notificationSettingsSchema = z.object({
  mailMode: z.enum(mailModes, { error: "Choose when you get mail: at once, a daily digest, or none." }),
  weeklyDigest: checkbox,
  // 0 until the settings were first saved.
  version: z
    .string({ error: "The form is out of date. Reload the page." })
    .regex(/^\d{1,9}$/, "The form is out of date. Reload the page.")
    .transform(Number),
});
export type NotificationSettingsInput = z.output<typeof notificationSettingsSchema>;

export const MAX_COMMENT_LENGTH = 4000;

// A comment may run over several lines; otherwise it follows the rules for names: nothing
// invisible or direction-changing, since people read it as the record of a conversation.
const LINE_BREAKS = /\r\n|\r|\n|\t/g;
export const commentText = requiredText(MAX_COMMENT_LENGTH, "The comment").refine(
  (v) => !hasHiddenCharacters(v.replace(LINE_BREAKS, " ")),
  "The comment contains an invisible or direction-changing character (such as U+202E or U+200B). Type it again without it.",
);

export const addCommentSchema = z.object({
  itemId: id("That checklist item"),
  body: commentText,
});
export type AddCommentInput = z.output<typeof addCommentSchema>;
