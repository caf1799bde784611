"use client";

import dynamic from "next/dynamic";
import type { BurnUpChartPoint } from "@/lib/domain/forecast";

// recharts arrives in its own chunk after the page: the text and table come first.
const BurnUpChart = dynamic(() => import("./burn-up-chart"), {
  ssr: false,
  loading: () => <div className="h-60 w-full animate-pulse rounded bg-slate-50" aria-hidden="true" />,
});

export function BurnUp(props: { data: BurnUpChartPoint[]; required: number; goLiveDate: string | null; today: string }) {
  return <BurnUpChart {...props} />;
}
