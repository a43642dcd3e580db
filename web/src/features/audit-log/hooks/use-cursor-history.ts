/**
 * Keyset pagination only moves forward (a cursor names the last row seen). The cursors of the pages the
 * user visited are remembered per filter-and-sort, so "Previous" and the page number work. A shared link
 * with a cursor still opens that exact page; its number stays unknown (the trail does not reach page 1).
 */
const trails = new Map<string, Array<string | undefined>>()

export type Position = {
  /** Index in the remembered trail; -1 when this cursor is not on it. */
  index: number
  /** Whether the trail starts at the first page (so index + 1 is the page number). */
  fromFirst: boolean
  hasPrevious: boolean
  previous: string | undefined
}

export function cursorPosition(key: string, cursor: string | undefined): Position {
  const trail = trails.get(key) ?? [undefined]
  const index = trail.indexOf(cursor)
  return {
    index,
    fromFirst: trail[0] === undefined,
    hasPrevious: index > 0,
    previous: index > 0 ? trail[index - 1] : undefined,
  }
}

export function rememberNext(key: string, current: string | undefined, next: string): void {
  const trail = trails.get(key) ?? [undefined]
  const index = trail.indexOf(current)
  const base = index >= 0 ? trail.slice(0, index + 1) : [current]
  trails.set(key, [...base, next])
}

export function forgetTrails(): void {
  trails.clear()
}
