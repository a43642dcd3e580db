import { describe, expect, it } from 'vitest'
import {
  filtersFromSearch,
  parseSearch,
  searchFromFilters,
  stringifySearch,
  toCostQuery,
  toQueryString,
  validateGlobalSearch,
} from './search'

describe('URL state', () => {
  it('reads repeated keys as lists and keeps every value a string', () => {
    expect(parseSearch('?account=012345678901&service=Amazon+EC2&service=AWS%20Glue&tag=env%3Dprod')).toEqual(
      {
        account: '012345678901',
        service: ['Amazon EC2', 'AWS Glue'],
        tag: 'env=prod',
      },
    )
  })

  it('writes the global filters first, in a fixed order, then page keys alphabetically', () => {
    const text = stringifySearch({
      cursor: 'a.b',
      service: ['B', 'A'],
      start: '2024-09-01',
      dim: 'region',
      view: 'amortized',
    })
    expect(text).toBe('?start=2024-09-01&view=amortized&service=B&service=A&cursor=a.b&dim=region')
  })

  it('round-trips filters through the query string', () => {
    const search = validateGlobalSearch(
      parseSearch('?start=2024-08-01&end=2024-09-30&view=public&region=us-east-1&region=&tag=team%3Dcore'),
    )
    expect(search).toEqual({
      start: '2024-08-01',
      end: '2024-09-30',
      view: 'public',
      region: ['us-east-1', ''],
      tag: ['team=core'],
    })
    const again = validateGlobalSearch(
      parseSearch(stringifySearch(searchFromFilters(filtersFromSearch(search)))),
    )
    expect(again).toEqual(search)
  })

  it('drops malformed values instead of sending them to the API', () => {
    expect(
      validateGlobalSearch({
        start: '2024-02-30',
        end: 'yesterday',
        view: 'blended',
        tag: ['noequals', 'env=prod'],
        service: [42, 'S3'],
      }),
    ).toEqual({ tag: ['env=prod'], service: ['S3'] })
    expect(validateGlobalSearch({ start: '2024-09-30', end: '2024-09-01' })).toEqual({})
  })

  it('leaves the default view out of the URL', () => {
    expect(validateGlobalSearch({ view: 'unblended' })).toEqual({})
    expect(searchFromFilters({ view: 'unblended', values: {}, tags: [] }).view).toBeUndefined()
  })
})

describe('API queries', () => {
  it('sends only what is set, values sorted so equal filters share a cache entry', () => {
    const filters = filtersFromSearch({
      service: ['b', 'a'],
      tag: ['env=prod'],
      end: '2024-09-30',
      start: '2024-09-01',
    })
    expect(toCostQuery(filters)).toEqual({
      start: '2024-09-01',
      end: '2024-09-30',
      view: 'unblended',
      service: ['a', 'b'],
      tag: ['env=prod'],
    })
  })

  it('lets the caller override the range (comparison periods)', () => {
    const filters = filtersFromSearch({ start: '2024-09-01', end: '2024-09-30' })
    expect(toCostQuery(filters, { start: '2024-08-01', end: '2024-08-31' })).toMatchObject({
      start: '2024-08-01',
      end: '2024-08-31',
    })
  })

  it('builds plain query strings with repeated keys (the CSV export link)', () => {
    expect(
      toQueryString({ start: '2024-09-01', service: ['A B', 'C&D'], tag: ['k=v'], empty: undefined }),
    ).toBe('start=2024-09-01&service=A+B&service=C%26D&tag=k%3Dv')
  })
})
