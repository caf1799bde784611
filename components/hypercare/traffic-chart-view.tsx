"use client";

import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartHour } from "@/lib/hypercare/chart";

// Messages per hour over the last 7 days against the learned band, drawn with recharts. Loaded
// only on the interface page, after its HTML (traffic-chart.tsx imports it dynamically). The
// picture is hidden from assistive technology: the summary and the table beside it say the same.

const dayTick = (hour: string) => new Date(hour).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", timeZone: "UTC" });

export default function TrafficChartView({ hours, environment }: { hours: ChartHour[]; environment: string }) {
  // One tick per day, at midnight UTC.
  const ticks = hours.filter((h) => h.hour.endsWith("T00:00:00.000Z")).map((h) => h.hour);
  return (
    <div className="h-56 w-full" aria-hidden="true" data-chart="interface-traffic" data-environment={environment}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={hours} margin={{ top: 8, right: 8, bottom: 4, left: -20 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="hour" ticks={ticks} tickFormatter={dayTick} tick={{ fontSize: 11 }} interval="preserveStart" minTickGap={6} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip
            labelFormatter={(hour) => `${String(hour).slice(0, 16).replace("T", " ")} UTC`}
            formatter={(value, name) => [Array.isArray(value) ? `${value[0]}–${value[1]}` : String(value), String(name)]}
          />
          <Area type="stepAfter" dataKey="band" name="Usual band" stroke="none" fill="#bae6fd" fillOpacity={0.7} isAnimationActive={false} connectNulls={false} />
          <Line type="stepAfter" dataKey="median" name="Usual (median)" stroke="#0369a1" strokeWidth={1.5} strokeDasharray="4 3" dot={false} isAnimationActive={false} connectNulls={false} />
          <Line type="stepAfter" dataKey="messages" name="Messages" stroke="#0f172a" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
