import { type RefObject, useEffect } from 'react'
import { chartRendered } from './perf'

/** Reports a chart as painted once its DOM shows data (`selector` inside `ref`), for the perf marks. */
export function useRenderedMark(
  name: string,
  signature: string | null,
  ref?: RefObject<HTMLElement | null>,
  selector?: string,
): void {
  useEffect(() => {
    if (signature === null) return
    let frame = 0
    let tries = 0
    const check = () => {
      const element = ref?.current
      if (!selector || !element || element.querySelector(selector) || tries++ > 120) {
        chartRendered(name, signature)
        return
      }
      frame = requestAnimationFrame(check)
    }
    frame = requestAnimationFrame(check)
    return () => cancelAnimationFrame(frame)
  }, [name, signature, ref, selector])
}

/** A chart's data identity for the perf marks: null while it still shows the previous filters' data. */
export function signatureOf(query: {
  data?: unknown
  isPlaceholderData: boolean
  dataUpdatedAt: number
}): string | null {
  return query.data !== undefined && !query.isPlaceholderData ? String(query.dataUpdatedAt) : null
}
