"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BurnUpChartPoint } from "@/lib/domain/forecast";

// The burn-up drawn with recharts. Loaded only on the implementation page, after the page's own
// HTML (burn-up.tsx imports it dynamically), so no other page carries the library. The picture
// is hidden from assistive technology: the section beside it says the same in text and a table.
export default function BurnUpChart({ data, required, goLiveDate, today }: { data: BurnUpChartPoint[]; required: number; goLiveDate: string | null; today: string }) {
  return (
    <div className="h-60 w-full" aria-hidden="true" data-chart="burn-up">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 16, bottom: 4, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} tickFormatter={(d: string) => d.slice(5)} />
          <YAxis allowDecimals={false} domain={[0, Math.max(1, required)]} tick={{ fontSize: 11 }} />
          <Tooltip />
          <ReferenceLine y={required} stroke="#0f172a" strokeDasharray="2 2" label={{ value: `${required} required`, position: "insideTopLeft", fontSize: 11 }} />
          <ReferenceLine x={today} stroke="#64748b" label={{ value: "Today", position: "insideTop", fontSize: 11 }} />
          {goLiveDate && data.some((p) => p.day === goLiveDate) ? (
            <ReferenceLine x={goLiveDate} stroke="#be123c" strokeWidth={2} label={{ value: "Go-live", position: "insideTopRight", fontSize: 11, fill: "#be123c" }} />
          ) : null}
          <Line type="stepAfter" dataKey="done" name="Done" stroke="#047857" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
          <Line type="linear" dataKey="forecast" name="Forecast at this pace" stroke="#0369a1" strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
