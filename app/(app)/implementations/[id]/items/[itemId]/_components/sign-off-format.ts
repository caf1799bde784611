// How the sign-off widgets write a moment: to the minute, in UTC, said so.
export const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
