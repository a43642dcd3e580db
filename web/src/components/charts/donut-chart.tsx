import { memo } from 'react'
import { Cell, Pie, PieChart, Tooltip } from 'recharts'
import { MoneyTooltip } from './chart-tooltip'
import { Sized } from './sized'

export type DonutSlice = { id: string; key: string | null; label: string; value: number; color: string }

/** Shares of a total; a click on a slice drills down (slices without a key, like "Other", do not). */
function DonutChart({
  slices,
  currency,
  height = 220,
  onSelect,
}: {
  slices: DonutSlice[]
  currency: string
  height?: number
  onSelect?: (key: string) => void
}) {
  const positive = slices.filter((s) => s.value > 0)
  return (
    <div data-testid="donut-chart">
      <Sized height={height}>
        {(width) => (
          <PieChart width={width} height={height}>
            <Tooltip
              content={(props) => (
                <MoneyTooltip active={props.active} payload={props.payload} currency={currency} />
              )}
            />
            <Pie
              data={positive}
              dataKey="value"
              nameKey="label"
              innerRadius="58%"
              outerRadius="92%"
              paddingAngle={1}
              stroke="var(--card)"
              isAnimationActive={false}
              onClick={(entry: { payload?: DonutSlice }) => {
                const key = entry.payload?.key
                if (onSelect && key !== null && key !== undefined) onSelect(key)
              }}
            >
              {positive.map((s) => (
                <Cell key={s.id} fill={s.color} cursor={onSelect && s.key !== null ? 'pointer' : undefined} />
              ))}
            </Pie>
          </PieChart>
        )}
      </Sized>
    </div>
  )
}

export default memo(DonutChart)
