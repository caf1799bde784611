import { Badge } from "@/components/ui/badge";
import type { BarStanding } from "@/lib/domain/forecast";
import { burnUpChartData, burnUpSeries, describeForecast, forecastReadiness, shortDay, type Forecast } from "@/lib/domain/forecast";
import { BurnUp } from "./burn-up";
import { ReadinessBar } from "./readiness-bar";

type History = { startedOn: string; goLiveDate: string | null; doneDays: string[]; requiredByStatus: Record<BarStanding, number> };

function ForecastLine({ forecast, today }: { forecast: Forecast; today: string }) {
  const text = describeForecast(forecast, today);
  if (forecast.late) {
    return (
      <p className="mt-3 text-sm" data-testid="forecast">
        <Badge tone="bad">
          <span aria-hidden="true">◷</span>
          Projected late
        </Badge>{" "}
        {text}
      </p>
    );
  }
  return (
    <p className="mt-3 text-sm" data-testid="forecast">
      {forecast.kind === "projected" || forecast.kind === "ready" ? (
        <Badge tone="good">
          <span aria-hidden="true">✓</span>
          {forecast.kind === "ready" ? "Ready" : "On pace"}
        </Badge>
      ) : null}{" "}
      {text}
    </p>
  );
}

// Readiness over time on the implementation page: the stacked bar of required items, the
// burn-up toward go-live with the forecast, and the same facts as text and a table.
export function ReadinessOverTime({ history, required, done, today, active }: { history: History; required: number; done: number; today: string; active: boolean }) {
  const forecast = active
    ? forecastReadiness({ doneDays: history.doneDays, required, today, goLiveDate: history.goLiveDate, start: history.startedOn })
    : null;
  const data = burnUpChartData(history, required, today, forecast ?? { kind: "no_items", late: false });
  // The table lists the days on which the count changed, today and go-live: the chart's facts.
  const series = burnUpSeries(history.doneDays, history.startedOn < today ? history.startedOn : today, today);
  const rows = series.filter((p, i) => i === 0 || p.done !== series[i - 1]!.done || p.day === today);
  return (
    <section id="readiness-over-time" aria-labelledby="readiness-over-time-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="readiness-over-time-heading" className="text-lg font-semibold">
        Readiness over time
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        <span className="font-semibold">{done}</span> of <span className="font-semibold">{required}</span> required items done (signed off or waived, as the gate counts them).
      </p>
      <div className="mt-2">
        <ReadinessBar byStatus={history.requiredByStatus} />
      </div>
      {forecast ? <ForecastLine forecast={forecast} today={today} /> : <p className="mt-3 text-sm text-slate-600">No forecast: the implementation is not active.</p>}
      <figure className="mt-3">
        <BurnUp data={data} required={required} goLiveDate={history.goLiveDate} today={today} />
        <figcaption className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-600">
          <span>
            <span aria-hidden="true" className="mr-1 inline-block h-0.5 w-4 bg-emerald-700 align-middle" />
            Done (solid)
          </span>
          <span>
            <span aria-hidden="true" className="mr-1 inline-block w-4 border-t-2 border-dashed border-sky-700 align-middle" />
            Forecast at this pace (dashed)
          </span>
          <span>Go-live: {history.goLiveDate ? shortDay(history.goLiveDate, today) : "not set"}</span>
        </figcaption>
      </figure>
      <div className="mt-3 max-h-64 overflow-y-auto">
        <table className="min-w-full text-sm">
          <caption className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">Required items done by day</caption>
          <thead className="text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-4">Day</th>
              <th scope="col" className="py-1">Done of {required}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((p) => (
              <tr key={p.day}>
                <td className="py-1 pr-4">
                  <time dateTime={p.day}>{p.day}</time>
                  {p.day === today ? " (today)" : ""}
                </td>
                <td className="py-1">{p.done}</td>
              </tr>
            ))}
            {history.goLiveDate ? (
              <tr>
                <td className="py-1 pr-4">
                  <time dateTime={history.goLiveDate}>{history.goLiveDate}</time> (go-live)
                </td>
                <td className="py-1">
                  {history.goLiveDate <= today
                    ? (series.find((p) => p.day === history.goLiveDate)?.done ?? "—")
                    : forecast?.kind === "projected"
                      ? `about ${data.find((p) => p.day === history.goLiveDate)?.forecast ?? "—"} at this pace`
                      : "—"}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
