// Next calls register() once per server process at start (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("@/lib/dal/startup");
  await prepareServer();
}
