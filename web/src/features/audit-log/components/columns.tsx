import type { ColumnDef } from '@tanstack/react-table'
import type { ReactNode } from 'react'
import type { LineItem, SortKey } from '@/lib/api/types'
import { formatMoney, formatMoneyExact, formatNumber } from '@/lib/format'

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData, TValue> {
    label: string
    sortKey?: SortKey
    align?: 'right'
    defaultVisible: boolean
  }
}

const text = (value: string | null | undefined) =>
  value ? (
    <span className="block max-w-44 truncate" title={value}>
      {value}
    </span>
  ) : (
    <span className="text-muted-foreground">—</span>
  )

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`
}

export function lineItemColumns(currency: string, costLabel: string): ColumnDef<LineItem>[] {
  const money = (value: number | null | undefined) =>
    value === null || value === undefined ? (
      <span className="text-muted-foreground">—</span>
    ) : (
      <span title={formatMoneyExact(value, currency)}>{formatMoney(value, currency)}</span>
    )
  return [
    {
      id: 'usage_start',
      accessorKey: 'usage_start',
      header: 'Usage start (UTC)',
      cell: ({ row }) => (
        <span className="whitespace-nowrap tabular-nums">{utc(row.original.usage_start)}</span>
      ),
      meta: { label: 'Usage start', sortKey: 'usage_start', defaultVisible: true },
    },
    {
      id: 'cost',
      accessorKey: 'cost',
      header: `Cost (${costLabel})`,
      cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{money(row.original.cost)}</span>,
      meta: { label: 'Cost', sortKey: 'cost', align: 'right', defaultVisible: true },
    },
    {
      id: 'usage_amount',
      accessorKey: 'usage_amount',
      header: 'Usage',
      cell: ({ row }) =>
        row.original.usage_amount === null ? (
          <span className="text-muted-foreground">—</span>
        ) : (
          <span className="whitespace-nowrap tabular-nums">
            {formatNumber(row.original.usage_amount, 4)}{' '}
            <span className="text-xs text-muted-foreground">{row.original.usage_unit ?? ''}</span>
          </span>
        ),
      meta: { label: 'Usage amount', sortKey: 'usage_amount', align: 'right', defaultVisible: true },
    },
    {
      id: 'account',
      accessorKey: 'usage_account_id',
      header: 'Account',
      cell: ({ row }) => (
        <span className="block max-w-40" title={row.original.usage_account_id ?? undefined}>
          <span className="block truncate">
            {row.original.usage_account_name || row.original.usage_account_id || '—'}
          </span>
          {row.original.usage_account_name ? (
            <span className="block truncate text-xs text-muted-foreground">
              {row.original.usage_account_id}
            </span>
          ) : null}
        </span>
      ),
      meta: { label: 'Account', sortKey: 'account', defaultVisible: true },
    },
    {
      id: 'service',
      accessorKey: 'service',
      header: 'Service',
      cell: ({ row }) => text(row.original.service),
      meta: { label: 'Service', sortKey: 'service', defaultVisible: true },
    },
    {
      id: 'region',
      accessorKey: 'region',
      header: 'Region',
      cell: ({ row }) => text(row.original.region),
      meta: { label: 'Region', sortKey: 'region', defaultVisible: true },
    },
    {
      id: 'usage_type',
      accessorKey: 'usage_type',
      header: 'Usage type',
      cell: ({ row }) => text(row.original.usage_type),
      meta: { label: 'Usage type', sortKey: 'usage_type', defaultVisible: true },
    },
    {
      id: 'operation',
      accessorKey: 'operation',
      header: 'Operation',
      cell: ({ row }) => text(row.original.operation),
      meta: { label: 'Operation', sortKey: 'operation', defaultVisible: true },
    },
    {
      id: 'resource_id',
      accessorKey: 'resource_id',
      header: 'Resource',
      cell: ({ row }) => text(row.original.resource_id),
      meta: { label: 'Resource', sortKey: 'resource_id', defaultVisible: true },
    },
    ...extraColumns(money),
  ]
}

function extraColumns(money: (v: number | null | undefined) => ReactNode): ColumnDef<LineItem>[] {
  const plain = (id: keyof LineItem, label: string): ColumnDef<LineItem> => ({
    id,
    accessorKey: id,
    header: label,
    cell: ({ row }) => text(row.original[id] as string | null),
    meta: { label, defaultVisible: false },
  })
  const cost = (id: keyof LineItem, label: string): ColumnDef<LineItem> => ({
    id,
    accessorKey: id,
    header: label,
    cell: ({ row }) => (
      <span className="whitespace-nowrap tabular-nums">{money(row.original[id] as number | null)}</span>
    ),
    meta: { label, align: 'right', defaultVisible: false },
  })
  return [
    plain('provider', 'Provider'),
    plain('billing_period', 'Billing period'),
    plain('charge_category', 'Charge category'),
    plain('line_item_type', 'Line item type'),
    plain('availability_zone', 'Availability zone'),
    plain('pricing_term', 'Pricing term'),
    plain('payer_account_id', 'Payer account'),
    plain('service_code', 'Service code'),
    cost('unblended_cost', 'Unblended'),
    cost('net_unblended_cost', 'Net unblended'),
    cost('amortized_cost', 'Amortized'),
    cost('public_cost', 'Public'),
    {
      id: 'tags',
      accessorKey: 'tags',
      header: 'Tags',
      cell: ({ row }) => {
        const entries = Object.entries(row.original.tags)
        if (!entries.length) return <span className="text-muted-foreground">—</span>
        const textValue = entries.map(([k, v]) => `${k}=${String(v)}`).join(', ')
        return (
          <span className="block max-w-72 truncate text-xs" title={textValue}>
            {textValue}
          </span>
        )
      },
      meta: { label: 'Tags', defaultVisible: false },
    },
    plain('line_item_id', 'Line item id'),
    plain('invoice_id', 'Invoice'),
    plain('source_file', 'Source file'),
  ]
}

export const DEFAULT_COLUMNS = [
  'usage_start',
  'cost',
  'usage_amount',
  'account',
  'service',
  'region',
  'usage_type',
  'operation',
  'resource_id',
]
