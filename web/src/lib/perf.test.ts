import { afterEach, describe, expect, it } from 'vitest'
import { chartRendered, expectCharts, markInteraction } from './perf'

describe('performance marks', () => {
  let release: () => void = () => {}
  afterEach(() => {
    release()
    performance.clearMarks()
    performance.clearMeasures()
  })

  it('marks charts-ready once every expected chart has painted', () => {
    release = expectCharts(['a', 'b'])
    chartRendered('a', '1')
    expect(performance.getEntriesByName('sentinel:charts-ready')).toHaveLength(0)
    chartRendered('b', '1')
    expect(performance.getEntriesByName('sentinel:charts-ready')).toHaveLength(1)
  })

  it('measures an interaction until every chart shows new data', () => {
    release = expectCharts(['a', 'b'])
    chartRendered('a', '1')
    chartRendered('b', '1')
    markInteraction()
    chartRendered('a', '2')
    expect(performance.getEntriesByName('sentinel:interaction')).toHaveLength(0)
    chartRendered('b', '1') // repainted, but still the old data
    expect(performance.getEntriesByName('sentinel:interaction')).toHaveLength(0)
    chartRendered('b', '2')
    const [measure] = performance.getEntriesByName('sentinel:interaction')
    expect(measure?.duration).toBeGreaterThanOrEqual(0)
  })
})
