import { memo } from 'react'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import type { Timeseries } from '@/lib/api/types'
import { formatBucket, formatMoneyCompact } from '@/lib/format'
import { moneyTick, tick, tickInterval } from './axis-tick'
import { MoneyTooltip } from './chart-tooltip'
import { timeseriesRows } from './data'
import { Sized } from './sized'

const bucketTick = tick({ format: formatBucket, anchor: 'middle', dy: 12 })

export type StackedBarChartProps = {
  data: Timeseries
  currency: string
  height?: number
  /** Drill-down: a click on a segment of a named group (not "Other"). */
  onSelect?: (key: string) => void
}

/** Spend per bucket, stacked by group. Buckets after the newest data stay visible (and empty). */
function StackedBarChart({ data, currency, height = 280, onSelect }: StackedBarChartProps) {
  const { series, rows } = timeseriesRows(data)
  return (
    <div data-testid="stacked-chart">
      <Sized height={height}>
        {(width) => (
          <BarChart
            width={width}
            height={height}
            data={rows}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
            barCategoryGap="15%"
          >
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis
              dataKey="bucket"
              tickLine={false}
              axisLine={false}
              interval={tickInterval(rows.length, width - 72)}
              tick={bucketTick}
            />
            <YAxis
              tickLine={false}
              axisLine={false}
              width={64}
              interval={0}
              tick={moneyTick(currency, formatMoneyCompact, 'y')}
            />
            <Tooltip
              cursor={{ fill: 'var(--accent)', opacity: 0.5 }}
              content={(props) => (
                <MoneyTooltip
                  active={props.active}
                  payload={props.payload}
                  label={props.label}
                  currency={currency}
                  formatLabel={formatBucket}
                  showTotal
                />
              )}
            />
            {series.map((s, i) => (
              <Bar
                key={s.id}
                dataKey={s.id}
                name={s.label}
                stackId="spend"
                fill={s.color}
                isAnimationActive={false}
                radius={i === series.length - 1 ? [3, 3, 0, 0] : 0}
                cursor={onSelect && !s.isOther ? 'pointer' : undefined}
                onClick={
                  onSelect && s.key !== null && !s.isOther ? () => onSelect(s.key as string) : undefined
                }
              />
            ))}
          </BarChart>
        )}
      </Sized>
    </div>
  )
}

export default memo(StackedBarChart)
