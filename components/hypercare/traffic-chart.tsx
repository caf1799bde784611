"use client";

import dynamic from "next/dynamic";
import type { ChartHour } from "@/lib/hypercare/chart";

// recharts arrives in its own chunk after the page: the summary and the table come first.
const TrafficChartView = dynamic(() => import("./traffic-chart-view"), {
  ssr: false,
  loading: () => <div className="h-56 w-full animate-pulse rounded bg-slate-50" aria-hidden="true" />,
});

export function TrafficChart(props: { hours: ChartHour[]; environment: string }) {
  return <TrafficChartView {...props} />;
}
