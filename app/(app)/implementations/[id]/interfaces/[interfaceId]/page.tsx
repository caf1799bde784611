import type { Metadata } from "next";
import Link from "next/link";
import { TrafficChart } from "@/components/hypercare/traffic-chart";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { Badge } from "@/components/ui/badge";
import { Facts } from "@/components/ui/facts";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { getInterfaceWatch, type EnvironmentPicture } from "@/lib/dal/interface-watch";
import type { Workflow } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { environmentLabel, interfaceLabel, workflowLabel } from "@/lib/format/labels";
import type { HypercareRules } from "@/lib/hypercare/evaluate";
import type { WatchRuleOverrides } from "@/lib/hypercare/merge-rules";
import { interfaceDirectionLabel, interfaceStatusLabel } from "@/lib/interfaces/vocabulary";
import { orNotFound } from "@/lib/server/not-found";
import { WatchRulesForm } from "../_components/watch-rules-form";

export const metadata: Metadata = { title: "Interface" };

type Props = { params: Promise<{ id: string; interfaceId: string }> };

const n = (v: number) => v.toLocaleString("en-US");
const hourLabel = (iso: string) => `${new Date(iso).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" })} ${iso.slice(11, 16)}`;
const dayLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
const pad = (h: number) => `${String(h).padStart(2, "0")}:00`;

// The rules in force, each as a sentence, with where its value comes from.
function ruleRows(rules: HypercareRules, defaults: HypercareRules, overrides: WatchRuleOverrides) {
  const minutes = (v: number | null) => (v === null ? "off" : `${n(v)} minutes`);
  const percent = (v: number | null) => (v === null ? "off" : `${Math.round(v * 1000) / 10} %`);
  const hours = (h: HypercareRules["businessHours"]) => `Mon–Fri ${pad(h.startHour)}–${pad(h.endHour)} UTC`;
  return [
    { rule: "No traffic", meaning: "No message for longer than this, counted in business hours only", value: minutes(rules.noTrafficMinutes), fallback: minutes(defaults.noTrafficMinutes), set: overrides.noTrafficMinutes !== null },
    { rule: "Business hours", meaning: "When silence counts", value: hours(rules.businessHours), fallback: hours(defaults.businessHours), set: overrides.businessStartHour !== null },
    { rule: "Error rate", meaning: "Errors over messages in the last hour above this", value: percent(rules.errorRateThreshold), fallback: percent(defaults.errorRateThreshold), set: overrides.errorRateThreshold !== null },
    { rule: "Content unchanged", meaning: "The same content fingerprint for longer than this while volume looks normal", value: minutes(rules.fingerprintUnchangedMinutes), fallback: minutes(defaults.fingerprintUnchangedMinutes), set: overrides.fingerprintUnchangedMinutes !== null },
    { rule: "Volume below band", meaning: "An hour below the usual minus this many times the spread", value: `${rules.bandWidth} × spread`, fallback: `${defaults.bandWidth} × spread`, set: overrides.bandWidth !== null },
    { rule: "Learning", meaning: "Weeks of an hour needed before its band is learned", value: `${rules.minSamples} weeks`, fallback: `${defaults.minSamples} weeks`, set: overrides.minSamples !== null },
  ];
}

function TrafficSection({ env, minSamples }: { env: EnvironmentPicture; minSamples: number }) {
  const { picture } = env;
  const label = environmentLabel[env.kind];
  const usual = picture.days.reduce((sum, d) => sum + (d.usual ?? 0), 0);
  const headingId = `traffic-${env.kind}`;
  return (
    <section aria-labelledby={headingId} className="mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <h3 id={headingId} className="font-semibold">
        {label}: messages per hour, last 7 days
      </h3>
      <p className="mt-1" data-testid={`traffic-summary-${env.kind}`}>
        {n(picture.total)} messages from {hourLabel(picture.from.toISOString())} to {hourLabel(picture.to.toISOString())} UTC
        {picture.hoursWithBand > 0 ? `; usual for these hours about ${n(usual)}` : ""}. {n(picture.errors)} {picture.errors === 1 ? "error" : "errors"}.
      </p>
      {picture.hoursWithBand === 0 ? (
        <p className="mt-1 text-slate-600">No band learned yet: an hour of the week needs {minSamples} weeks of figures before this week.</p>
      ) : picture.belowBandSpans.length === 0 ? (
        <p className="mt-1">
          <Badge tone="good">
            <span aria-hidden="true">✓</span> Within the usual band
          </Badge>{" "}
          No hour fell below the band learned from the weeks before.
        </p>
      ) : (
        <div className="mt-1">
          <Badge tone="warn">
            <span aria-hidden="true">▼</span> Below the usual band
          </Badge>
          <ul className="mt-1 list-disc pl-5" aria-label={`${label}: hours below the usual band`}>
            {picture.belowBandSpans.map((s) => (
              <li key={s.from}>
                {hourLabel(s.from)}–{s.to.slice(11, 16)} UTC ({s.hours} {s.hours === 1 ? "hour" : "hours"})
              </li>
            ))}
          </ul>
        </div>
      )}
      <figure className="mt-3">
        <TrafficChart hours={picture.hours} environment={env.kind} />
        <figcaption className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-600">
          <span>
            <span aria-hidden="true" className="mr-1 inline-block h-0.5 w-4 bg-slate-900 align-middle" />
            Messages (solid)
          </span>
          <span>
            <span aria-hidden="true" className="mr-1 inline-block w-4 border-t-2 border-dashed border-sky-700 align-middle" />
            Usual: median of the same hour in past weeks (dashed)
          </span>
          <span>
            <span aria-hidden="true" className="mr-1 inline-block h-2 w-4 bg-sky-200 align-middle" />
            Usual band (shaded)
          </span>
          <span>Times in UTC. Last figures received {formatUtc(env.lastPostedAt)}.</span>
        </figcaption>
      </figure>
      <ScrollTable caption={`${label}: messages by day, last 7 days`} columns={["Day (UTC)", "Messages", "Usual", "Hours below band", "Hours with figures", "Errors"]} className="mt-3">
        {picture.days.map((d) => (
          <tr key={d.day}>
            <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
              <time dateTime={d.day}>{dayLabel(d.day)}</time>
            </th>
            <td className="px-3 py-2 tabular-nums">{n(d.messages)}</td>
            <td className="px-3 py-2 tabular-nums">{d.usual === null ? "—" : n(d.usual)}</td>
            <td className="px-3 py-2 tabular-nums">{d.hoursBelowBand}</td>
            <td className="px-3 py-2 tabular-nums">{d.hoursWithFigures} of 24</td>
            <td className="px-3 py-2 tabular-nums">{n(d.errors)}</td>
          </tr>
        ))}
      </ScrollTable>
    </section>
  );
}

export default async function InterfacePage({ params }: Props) {
  const { id, interfaceId } = await params;
  const viewer = await requireViewer();
  const [impl, watch] = await Promise.all([orNotFound(getImplementationSummary(viewer, id)), orNotFound(getInterfaceWatch(viewer, id, interfaceId))]);
  const i = watch.interface;
  const rows = ruleRows(watch.rules, watch.defaults, watch.overrides);
  const o = watch.overrides;

  return (
    <>
      <ImplementationHeader implementation={impl} current="interfaces" />
      <nav aria-label="Interfaces" className="mt-4 text-sm">
        <Link href={`/implementations/${id}/interfaces`} className="text-sky-800 underline">
          ← Interface inventory
        </Link>
      </nav>

      <section aria-labelledby="interface-heading" className="mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="interface-heading" className="text-lg font-semibold break-words">
            {i.name}
          </h2>
          <Badge>{interfaceLabel[i.kind]}</Badge>
          <Badge tone="info">{interfaceDirectionLabel[i.direction]}</Badge>
          <Badge tone={i.status === "live" ? "good" : i.status === "retired" ? "neutral" : "warn"}>{interfaceStatusLabel[i.status]}</Badge>
        </div>
        <Facts
          className="mt-3 grid gap-3 sm:grid-cols-2"
          facts={[
            ["From → to", `${i.sourceSystem || "—"} → ${i.targetSystem || "—"}`],
            ["Workflows", i.workflows.map((w) => workflowLabel[w as Workflow]).join(", ")],
            ["Messages / resources", i.messageTypes.length ? <span className="font-mono break-words">{i.messageTypes.join(", ")}</span> : ""],
            [
              "Endpoints",
              <span key="endpoints" className="break-words">
                {watch.environments.map((e) => (
                  <span key={e.id} className="mr-3 inline-block">
                    {environmentLabel[e.kind]}: <span className="font-mono">{i.endpoints[e.kind] || "not described"}</span>
                  </span>
                ))}
              </span>,
            ],
            ["Owners", `Vendor: ${i.vendorOwner || "—"} · Customer: ${i.customerOwner || "—"}`],
            ["Note", i.note],
          ]}
        />
      </section>

      <section aria-labelledby="traffic-heading" className="mt-6">
        <h2 id="traffic-heading" className="text-lg font-semibold">
          Traffic
        </h2>
        <p className="text-sm text-slate-600">
          Figures the interface engine posts through the machine API (counts and a content fingerprint, never message content), per hour, against the band
          learned from the same hour of the week in the weeks before: what the silent-failure watch calls normal.
        </p>
        {watch.pictures.length === 0 ? (
          <div className="mt-2 rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">
            <p>No traffic figures in the last 13 weeks. A sender posts them with an API token that may post interface metrics.</p>
            {watch.canMakeTokens ? (
              <p className="mt-2">
                To see the watch at work with fictional traffic, make a token on the{" "}
                <Link href={`/implementations/${id}/api-tokens`} className="text-sky-800 underline">
                  API tokens
                </Link>{" "}
                tab, then run <code className="break-all rounded bg-slate-100 px-1">READYROOM_API_TOKEN=rr_… npm run simulate:hypercare -- --implementation {id} --interface {i.id}</code>
              </p>
            ) : null}
          </div>
        ) : (
          watch.pictures.map((env) => <TrafficSection key={env.environmentId} env={env} minSamples={watch.rules.minSamples} />)
        )}
      </section>

      <section aria-labelledby="rules-heading" className="mt-6">
        <h2 id="rules-heading" className="text-lg font-semibold">
          Watch rules in force
        </h2>
        <p className="text-sm text-slate-600">
          {watch.rulesUpdatedAt
            ? `Some rules set by hand for this interface${watch.rulesUpdatedByName ? ` by ${watch.rulesUpdatedByName}` : ""}, ${formatUtc(watch.rulesUpdatedAt)}; the others are the defaults.`
            : "The defaults: nothing is set by hand for this interface."}
        </p>
        <ScrollTable caption="Watch rules in force" columns={["Rule", "In force", "Default", "Set by"]} className="mt-2">
          {rows.map((r) => (
            <tr key={r.rule} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {r.rule}
                <p className="text-xs font-normal text-slate-600">{r.meaning}</p>
              </th>
              <td className="px-3 py-2">{r.value}</td>
              <td className="px-3 py-2 text-slate-600">{r.fallback}</td>
              <td className="px-3 py-2">{r.set ? <Badge tone="info">By hand</Badge> : "Default"}</td>
            </tr>
          ))}
        </ScrollTable>
        {watch.canManageRules ? (
          <details className="mt-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <summary className="cursor-pointer font-semibold">Set rules by hand</summary>
            <WatchRulesForm
              interfaceId={i.id}
              version={watch.rulesVersion}
              values={{
                noTrafficMinutes: o.noTrafficMinutes,
                businessStartHour: o.businessStartHour,
                businessEndHour: o.businessEndHour,
                bandWidth: o.bandWidth,
                minSamples: o.minSamples,
                errorRatePercent: o.errorRateThreshold === null ? null : Math.round(o.errorRateThreshold * 1000) / 10,
                fingerprintUnchangedMinutes: o.fingerprintUnchangedMinutes,
              }}
              defaults={{
                noTrafficMinutes: watch.defaults.noTrafficMinutes,
                businessStartHour: watch.defaults.businessHours.startHour,
                businessEndHour: watch.defaults.businessHours.endHour,
                bandWidth: watch.defaults.bandWidth,
                minSamples: watch.defaults.minSamples,
                errorRatePercent: watch.defaults.errorRateThreshold === null ? null : Math.round(watch.defaults.errorRateThreshold * 1000) / 10,
                fingerprintUnchangedMinutes: watch.defaults.fingerprintUnchangedMinutes,
              }}
            />
          </details>
        ) : null}
      </section>
    </>
  );
}
