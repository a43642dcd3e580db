import { describe, expect, it } from 'vitest'
import { validateAuditSearch } from './search'

describe('audit log URL state', () => {
  it('keeps valid sort, order, size, cursor and columns', () => {
    expect(
      validateAuditSearch({
        sort: 'cost',
        order: 'asc',
        size: '100',
        cursor: 'abc.def',
        cols: 'cost,service',
      }),
    ).toEqual({ sort: 'cost', order: 'asc', size: 100, cursor: 'abc.def', cols: ['cost', 'service'] })
  })

  it('is idempotent (the router validates search twice)', () => {
    const once = validateAuditSearch({ cols: 'usage_start,cost', size: '25' })
    expect(validateAuditSearch(once)).toEqual(once)
  })

  it('drops what the API would reject', () => {
    expect(validateAuditSearch({ sort: 'price', order: 'up', size: '7', cursor: 'not a cursor' })).toEqual({})
  })
})
