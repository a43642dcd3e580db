import { memo } from 'react'
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts'
import { formatMoneyCompact } from '@/lib/format'
import { moneyTick, tick } from './axis-tick'

/** One line per label, cut with an ellipsis to fit the axis (Recharts would wrap long names over lines). */
function categoryAxis(chartWidth: number) {
  const width = Math.min(190, Math.round(chartWidth * 0.42))
  const maxChars = Math.max(8, Math.floor((width - 12) / 6.8))
  return { width, tick: tick({ anchor: 'end', dx: -4, dy: 4, maxChars, fill: 'var(--foreground)' }) }
}

import { MoneyTooltip } from './chart-tooltip'
import { Sized } from './sized'

export type RankedBar = {
  id: string
  key: string | null
  label: string
  value: number
  previous?: number
  color: string
}

/** Ranked groups as horizontal bars, optionally beside the comparison period's value. */
function HorizontalBarChart({
  bars,
  currency,
  compareLabel,
  onSelect,
}: {
  bars: RankedBar[]
  currency: string
  compareLabel?: string
  onSelect?: (key: string) => void
}) {
  const compare = compareLabel !== undefined
  const height = Math.max(160, bars.length * (compare ? 38 : 30) + 40)
  const click = (entry: { payload?: RankedBar }) => {
    const key = entry.payload?.key
    if (onSelect && key !== null && key !== undefined) onSelect(key)
  }
  return (
    <div data-testid="ranked-chart">
      <Sized height={height}>
        {(width) => (
          <BarChart
            width={width}
            height={height}
            data={bars}
            layout="vertical"
            margin={{ top: 4, right: 24, bottom: 4, left: 4 }}
            barGap={2}
          >
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis
              type="number"
              tickLine={false}
              axisLine={false}
              interval={0}
              tick={moneyTick(currency, formatMoneyCompact, 'x')}
            />
            <YAxis
              type="category"
              dataKey="label"
              width={categoryAxis(width).width}
              tickLine={false}
              axisLine={false}
              interval={0}
              tick={categoryAxis(width).tick}
            />
            <Tooltip
              cursor={{ fill: 'var(--accent)', opacity: 0.5 }}
              content={(props) => (
                <MoneyTooltip
                  active={props.active}
                  payload={props.payload}
                  label={props.label}
                  currency={currency}
                />
              )}
            />
            <Bar dataKey="value" name="Cost" isAnimationActive={false} radius={[0, 3, 3, 0]} onClick={click}>
              {bars.map((b) => (
                <Cell key={b.id} fill={b.color} cursor={onSelect && b.key !== null ? 'pointer' : undefined} />
              ))}
            </Bar>
            {compare ? (
              <Bar
                dataKey="previous"
                name={compareLabel}
                fill="var(--chart-other)"
                isAnimationActive={false}
                radius={[0, 3, 3, 0]}
                onClick={click}
              />
            ) : null}
          </BarChart>
        )}
      </Sized>
    </div>
  )
}

export default memo(HorizontalBarChart)
