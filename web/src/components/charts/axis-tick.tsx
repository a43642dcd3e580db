/**
 * Axis labels drawn as plain SVG text. Recharts' default tick measures every label in a hidden span
 * (a forced layout per label); with a fixed interval and these ticks, it measures nothing.
 */
export type TickProps = {
  x?: number | string
  y?: number | string
  payload?: { value?: unknown }
}

export type TickStyle = {
  format?: (value: never) => string
  anchor: 'start' | 'middle' | 'end'
  dx?: number
  dy?: number
  maxChars?: number
  fill?: string
}

export function AxisTick({
  x,
  y,
  payload,
  format,
  anchor,
  dx = 0,
  dy = 0,
  maxChars,
  fill = 'var(--muted-foreground)',
}: TickProps & TickStyle) {
  const raw = payload?.value
  const text = format ? format(raw as never) : String(raw ?? '')
  const shown = maxChars && text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text
  return (
    <text x={Number(x) + dx} y={Number(y) + dy} textAnchor={anchor} fill={fill} fontSize={11}>
      {shown !== text ? <title>{text}</title> : null}
      {shown}
    </text>
  )
}

/** A Recharts `tick` render function for a style. */
export function tick(style: TickStyle) {
  return (props: TickProps) => <AxisTick {...props} {...style} />
}

/** Compact money labels ($1.2K) on a y (left) or x (bottom) axis. */
export function moneyTick(
  currency: string,
  format: (value: number, currency: string) => string,
  axis: 'x' | 'y',
) {
  return tick({
    format: (v: number) => format(v, currency),
    anchor: axis === 'y' ? 'end' : 'middle',
    dx: axis === 'y' ? -4 : 0,
    dy: axis === 'y' ? 4 : 12,
  })
}

/** Show at most one label per `spacing` pixels (Recharts' `interval`: how many ticks to skip between labels). */
export function tickInterval(count: number, width: number, spacing = 64): number {
  const fit = Math.max(1, Math.floor(width / spacing))
  return Math.max(0, Math.ceil(count / fit) - 1)
}
