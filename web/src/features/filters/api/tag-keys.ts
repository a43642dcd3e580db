import type { Filters } from '../lib/search'
import { toCostQuery } from '../lib/search'
import { useDimensionValues } from './dimension-values'

/** The tag keys with spend in the filters' range, biggest cost first (a tag filter does not narrow them). */
export function useTagKeys(filters: Filters, { enabled = true }: { enabled?: boolean } = {}) {
  const query = useDimensionValues('tag', toCostQuery({ ...filters, tags: [] }), { enabled })
  return { ...query, keys: query.data?.values ?? [] }
}
