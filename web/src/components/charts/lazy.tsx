import { lazy, type ReactNode, Suspense } from 'react'
import { LoadingBlock } from '@/components/ui/skeleton'

// Recharts is the heaviest dependency: it loads with the first chart, never with the first paint.
const loadStacked = () => import('./stacked-bar-chart')
const loadDonut = () => import('./donut-chart')
const loadHorizontal = () => import('./horizontal-bar-chart')

export const LazyStackedBarChart = lazy(loadStacked)
export const LazyDonutChart = lazy(loadDonut)
export const LazyHorizontalBarChart = lazy(loadHorizontal)

/** Starts downloading the chart code now (in parallel with the data), e.g. when a page mounts. */
export function preloadCharts(): void {
  void loadStacked()
  void loadDonut()
  void loadHorizontal()
}

export function ChartSuspense({ height, children }: { height: number; children: ReactNode }) {
  return (
    <Suspense fallback={<LoadingBlock label="Loading chart" className="w-full" />}>
      <div style={{ minHeight: height }}>{children}</div>
    </Suspense>
  )
}
