"use server";

// The signed-in person's inbox: mark one notification read, or all of them.
import { defineFormAction } from "@/lib/actions/action";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/dal/inbox";
import { markAllNotificationsReadSchema, markNotificationReadSchema } from "@/lib/validation/inbox";

export const markNotificationReadAction = defineFormAction({
  schema: markNotificationReadSchema,
  run: (input, { viewer }) => markNotificationRead(viewer, input),
  revalidate: () => ["/inbox"],
});

export const markAllNotificationsReadAction = defineFormAction({
  schema: markAllNotificationsReadSchema,
  run: (_input, { viewer }) => markAllNotificationsRead(viewer),
  revalidate: () => ["/inbox"],
});
