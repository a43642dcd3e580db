/** Query options for the cost endpoints, shared by the features (TanStack Query caches by these keys). */
import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { api, unwrap } from './client'
import type { operations } from './schema.gen'

type QueryOf<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>

export type SummaryQuery = QueryOf<'summary-get'>
export type TimeseriesQuery = QueryOf<'costs-timeseries'>
export type BreakdownQuery = QueryOf<'costs-breakdown'>
export type LineItemsQuery = QueryOf<'line-items-list'>

export const metaQuery = queryOptions({
  queryKey: ['meta'],
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/meta', { signal })),
  staleTime: 5 * 60_000,
})

export const summaryQuery = (query: SummaryQuery) =>
  queryOptions({
    queryKey: ['summary', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/summary', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  })

export const timeseriesQuery = (query: TimeseriesQuery) =>
  queryOptions({
    queryKey: ['timeseries', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/costs/timeseries', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  })

export const breakdownQuery = (query: BreakdownQuery) =>
  queryOptions({
    queryKey: ['breakdown', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/costs/breakdown', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  })
