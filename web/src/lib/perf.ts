/**
 * Performance marks read by web/bench/dashboard.mjs (page.evaluate over performance entries):
 *  - `sentinel:charts-ready`: every chart of the page has painted its first data (first load)
 *  - `sentinel:interaction` (a measure): from a filter change to every chart painted with the new data
 * Charts report through useRenderedMark; the page says which charts it waits for (expectCharts).
 */

const expected = new Set<string>()
const rendered = new Map<string, string>()
let before: Map<string, string> | null = null

function allRendered(): boolean {
  return expected.size > 0 && [...expected].every((name) => rendered.has(name))
}

export function expectCharts(names: string[]): () => void {
  for (const name of names) expected.add(name)
  return () => {
    for (const name of names) {
      expected.delete(name)
      rendered.delete(name)
    }
  }
}

export function markInteraction(): void {
  if (typeof performance === 'undefined') return
  performance.clearMarks('sentinel:interaction-start')
  performance.mark('sentinel:interaction-start')
  before = new Map(rendered)
}

export function chartRendered(name: string, signature: string): void {
  if (typeof performance === 'undefined') return
  rendered.set(name, signature)
  if (!allRendered()) return
  if (performance.getEntriesByName('sentinel:charts-ready').length === 0) {
    performance.mark('sentinel:charts-ready')
  }
  const previous = before
  if (previous && [...expected].every((n) => rendered.get(n) !== previous.get(n))) {
    before = null
    performance.clearMarks('sentinel:interaction-done')
    performance.mark('sentinel:interaction-done')
    performance.measure('sentinel:interaction', 'sentinel:interaction-start', 'sentinel:interaction-done')
  }
}
