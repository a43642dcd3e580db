import { describe, expect, it } from 'vitest'
import type { Filters } from '@/features/filters/lib/search'
import { meta } from '@/test/fixtures'
import { drillFilters, nextDimension } from './drill'

const none: Filters = { view: 'unblended', values: {}, tags: [] }

describe('drill-down', () => {
  it('turns the clicked group into a filter', () => {
    expect(drillFilters(none, 'service', 'Amazon EC2').values.service).toEqual(['Amazon EC2'])
    expect(drillFilters({ ...none, tags: ['env=dev', 'team=a'] }, 'tag', 'prod', 'env').tags).toEqual([
      'env=prod',
    ])
  })

  it('goes one level down: service → operation → usage type', () => {
    const afterService = drillFilters(none, 'service', 'Amazon EC2')
    expect(nextDimension('service', afterService, meta.dimensions)).toBe('operation')
    const afterOperation = drillFilters(afterService, 'operation', 'RunInstances')
    expect(nextDimension('operation', afterOperation, meta.dimensions)).toBe('usage_type')
  })

  it('skips dimensions that are already filtered', () => {
    const filters = drillFilters(
      { ...none, values: { operation: ['RunInstances'] } },
      'service',
      'Amazon EC2',
    )
    expect(nextDimension('service', filters, meta.dimensions)).toBe('region')
  })

  it('stays on dimensions gold can answer with a tag filter', () => {
    const filters = drillFilters({ ...none, tags: ['env=prod'] }, 'service', 'Amazon EC2')
    expect(nextDimension('service', filters, meta.dimensions)).toBe('region')
  })
})
