import { type ReactNode, useLayoutEffect, useRef, useState } from 'react'

/**
 * Measures its width before the first paint and renders the chart once at that size (Recharts'
 * ResponsiveContainer draws at a guessed size first, then again: twice the work on the slowest render).
 * Follows later resizes with a ResizeObserver.
 */
export function Sized({ height, children }: { height: number; children: (width: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    setWidth(Math.floor(element.getBoundingClientRect().width))
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver((entries) => {
      const next = Math.floor(entries[0]?.contentRect.width ?? 0)
      setWidth((current) => (Math.abs(current - next) >= 1 ? next : current))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return (
    <div ref={ref} style={{ height }} className="w-full min-w-0">
      {width > 0 ? children(width) : null}
    </div>
  )
}
