import type { Metadata } from "next";
import { ActionForm } from "@/components/people/action-form";
import { newPasswordFields } from "@/components/people/password-fields";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getNotificationSettings } from "@/lib/dal/inbox";
import { roleLabel } from "@/lib/format/labels";
import { changePasswordAction, saveNotificationSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const changed = (await searchParams).changed === "1";
  const settings = await getNotificationSettings(viewer);
  return (
    <div className="max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          {viewer.name} · {viewer.email} · {roleLabel[viewer.role]} · {viewer.organizationName}
        </p>
      </div>
      {changed ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Your password is changed. Every other session has ended.
        </p>
      ) : null}
      <section aria-labelledby="notifications-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="notifications-heading" className="text-lg font-semibold">
          Notifications by mail
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          Everything also appears in your inbox. A sign-off request mail links straight to what you would sign.
        </p>
        <p className="mb-3 text-sm" data-testid="mail-mode-now">
          Now: {{ immediately: "mail at once", daily: "a daily digest", off: "no mail" }[settings.mailMode]}
          {viewer.role === "implementation_manager" ? (settings.weeklyDigest ? ", with the weekly digest." : ", without the weekly digest.") : "."}
        </p>
        <ActionForm
          key={settings.version}
          id="notifications"
          label="Notification settings"
          action={saveNotificationSettingsAction}
          hidden={{ version: String(settings.version) }}
          fields={[
            {
              name: "mailMode",
              label: "Mail me",
              type: "select",
              defaultValue: settings.mailMode,
              options: [
                { value: "immediately", label: "At once, for each notification" },
                { value: "daily", label: "Once a day, as a digest" },
                { value: "off", label: "Never (inbox only)" },
              ],
            },
            ...(viewer.role === "implementation_manager"
              ? [{ name: "weeklyDigest", label: "Send me the weekly digest of my implementations", type: "checkbox" as const, defaultChecked: settings.weeklyDigest }]
              : []),
          ]}
          submitLabel="Save notification settings"
          success="Notification settings saved."
        />
      </section>
      <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change your password
        </h2>
        <p className="mb-3 text-sm text-slate-600">Signs you out everywhere else.</p>
        <ActionForm
          id="password"
          label="Change password"
          action={changePasswordAction}
          fields={[
            { name: "currentPassword", label: "Current password", type: "password", autoComplete: "current-password" },
            ...newPasswordFields({ name: "newPassword", label: "New password", again: "Type the new password again" }),
          ]}
          submitLabel="Change password"
          success="Password changed."
        />
      </section>
    </div>
  );
}
