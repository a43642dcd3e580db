import type { components, operations } from './schema.gen'

type Schemas = components['schemas']

export type Meta = Schemas['Meta']
export type PeriodInfo = Schemas['PeriodInfo']
export type DimensionInfo = Schemas['DimensionInfo']
export type Summary = Schemas['Summary']
export type Timeseries = Schemas['Timeseries']
export type Series = Schemas['Series']
export type Breakdown = Schemas['Breakdown']
export type BreakdownItem = Schemas['BreakdownItem']
export type DimensionValues = Schemas['DimensionValues']
export type LineItem = Schemas['LineItem']
export type LineItemPage = Schemas['LineItemPage']
export type Dimension = Schemas['Dimension']
export type View = Schemas['View']
export type SortKey = Schemas['SortKey']
export type Order = Schemas['Order']

/** The filters every data endpoint shares (start, end, view, dimensions, tag), as the API names them. */
export type CostQuery = NonNullable<operations['summary-get']['parameters']['query']>
export type FilterParam = Exclude<keyof CostQuery, 'start' | 'end' | 'view' | 'movers_by' | 'movers' | 'tag'>
