import { useNavigate, useRouter, useSearch } from '@tanstack/react-router'
import { useCallback, useMemo } from 'react'
import { useMeta } from '@/features/meta/api/use-meta'
import type { FilterParam, Meta } from '@/lib/api/types'
import type { DateRange } from '@/lib/dates'
import { markInteraction } from '@/lib/perf'
import { type Filters, filtersFromSearch, searchFromFilters, validateGlobalSearch } from '../lib/search'

type SearchUpdater = (previous: Record<string, unknown>) => Record<string, unknown>

/** Navigates to the same page with a new query string (filters or page state). */
export function useUpdateSearch() {
  const navigate = useNavigate()
  return useCallback(
    (update: SearchUpdater, options: { replace?: boolean } = {}) => {
      // The router's types know each route's search; this helper is route-agnostic on purpose.
      void navigate({ to: '.', search: update as never, replace: options.replace ?? false })
    },
    [navigate],
  )
}

/** The shared filters from the URL, and setters that write them back (each change is a history entry). */
export function useFilters() {
  const search = useSearch({ strict: false }) as Record<string, unknown>
  const updateSearch = useUpdateSearch()
  const global = validateGlobalSearch(search)
  const key = JSON.stringify(global)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the identity of `global`
  const filters = useMemo(() => filtersFromSearch(global), [key])

  /** Applies a change to the filters (and optionally other keys of the page's search, in the same step). */
  // The setters read the URL when called, so they stay the same functions across renders (memoised charts).
  const router = useRouter()
  const setFilters = useCallback(
    (update: (current: Filters) => Filters, extra: Record<string, unknown> = {}) => {
      markInteraction()
      const current = filtersFromSearch(
        validateGlobalSearch(router.state.location.search as Record<string, unknown>),
      )
      const next = update(current)
      // A pagination cursor belongs to the old filters.
      updateSearch((previous) => ({ ...previous, ...searchFromFilters(next), cursor: undefined, ...extra }))
    },
    [router, updateSearch],
  )

  const setValues = useCallback(
    (param: FilterParam, values: string[]) =>
      setFilters((f) => ({ ...f, values: { ...f.values, [param]: values.length ? values : undefined } })),
    [setFilters],
  )

  const addValue = useCallback(
    (param: FilterParam, value: string) =>
      setFilters((f) => {
        const current = f.values[param] ?? []
        return current.includes(value) ? f : { ...f, values: { ...f.values, [param]: [...current, value] } }
      }),
    [setFilters],
  )

  const removeValue = useCallback(
    (param: FilterParam, value: string) =>
      setFilters((f) => ({
        ...f,
        values: { ...f.values, [param]: (f.values[param] ?? []).filter((v) => v !== value) },
      })),
    [setFilters],
  )

  const setTags = useCallback((tags: string[]) => setFilters((f) => ({ ...f, tags })), [setFilters])

  const setRange = useCallback(
    (range: DateRange | null) =>
      setFilters((f) => ({ ...f, start: range?.start ?? undefined, end: range?.end ?? undefined })),
    [setFilters],
  )

  const clearFilters = useCallback(() => setFilters((f) => ({ ...f, values: {}, tags: [] })), [setFilters])

  return { filters, setFilters, setValues, addValue, removeValue, setTags, setRange, clearFilters }
}

/** The range on screen: the URL's, else the API's default (the month of the newest data) once /meta answers. */
export function useEffectiveRange(filters: Filters): DateRange | null {
  const { data: meta } = useMeta()
  return effectiveRange(filters, meta)
}

export function effectiveRange(filters: Filters, meta: Meta | undefined): DateRange | null {
  if (filters.start && filters.end) return { start: filters.start, end: filters.end }
  const fallback = meta?.default_range
  if (!fallback) return null
  return { start: filters.start ?? fallback.start, end: filters.end ?? fallback.end }
}
