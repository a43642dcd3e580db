import {
  flexRender,
  getCoreRowModel,
  type SortingState,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table'
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import { type ReactNode, useMemo } from 'react'
import type { LineItem, Order, SortKey } from '@/lib/api/types'
import { cn } from '@/lib/utils'
import { ColumnChooser } from './column-chooser'
import { lineItemColumns } from './columns'

/** TanStack Table in manual mode: the API sorts and paginates; the table renders one page. */
export function LineItemsTable({
  items,
  currency,
  costLabel,
  sort,
  order,
  onSort,
  visible,
  onVisibleChange,
  toolbar,
  busy,
}: {
  items: LineItem[]
  currency: string
  costLabel: string
  sort: SortKey
  order: Order
  onSort: (sort: SortKey, order: Order) => void
  visible: string[]
  onVisibleChange: (ids: string[] | null) => void
  toolbar?: ReactNode
  busy: boolean
}) {
  const columns = useMemo(() => lineItemColumns(currency, costLabel), [currency, costLabel])
  const columnVisibility = useMemo<VisibilityState>(
    () => Object.fromEntries(columns.map((c) => [c.id as string, visible.includes(c.id as string)])),
    [columns, visible],
  )
  const sorting = useMemo<SortingState>(() => {
    const column = columns.find((c) => c.meta?.sortKey === sort)
    return column ? [{ id: column.id as string, desc: order === 'desc' }] : []
  }, [columns, sort, order])

  const table = useReactTable({
    data: items,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    state: { columnVisibility, sorting },
    onColumnVisibilityChange: (updater) => {
      const next = typeof updater === 'function' ? updater(columnVisibility) : updater
      onVisibleChange(columns.map((c) => c.id as string).filter((id) => next[id]))
    },
  })

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {toolbar}
        <ColumnChooser table={table} onReset={() => onVisibleChange(null)} />
      </div>
      <div className="relative overflow-x-auto rounded-lg border">
        <table className="w-full text-sm" data-testid="line-items" aria-busy={busy}>
          <caption className="sr-only">
            Line items, sorted by {sort} {order === 'desc' ? 'descending' : 'ascending'}
          </caption>
          <thead className="bg-muted/60">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta
                  const sortKey = meta?.sortKey
                  const active = sortKey === sort
                  const label = flexRender(header.column.columnDef.header, header.getContext())
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : undefined}
                      className={cn(
                        'px-2.5 py-2 text-left text-xs font-medium whitespace-nowrap text-muted-foreground',
                        meta?.align === 'right' && 'text-right',
                      )}
                    >
                      {sortKey ? (
                        <button
                          type="button"
                          className={cn(
                            'inline-flex items-center gap-1 rounded px-1 py-0.5 hover:bg-accent hover:text-accent-foreground',
                            active && 'text-foreground',
                          )}
                          onClick={() =>
                            onSort(
                              sortKey,
                              active
                                ? order === 'desc'
                                  ? 'asc'
                                  : 'desc'
                                : sortKey === 'usage_start' ||
                                    sortKey === 'cost' ||
                                    sortKey === 'usage_amount'
                                  ? 'desc'
                                  : 'asc',
                            )
                          }
                          data-sort={sortKey}
                        >
                          {label}
                          {active ? (
                            order === 'desc' ? (
                              <ArrowDown aria-hidden="true" className="size-3.5" />
                            ) : (
                              <ArrowUp aria-hidden="true" className="size-3.5" />
                            )
                          ) : (
                            <ArrowUpDown aria-hidden="true" className="size-3.5 opacity-50" />
                          )}
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  )
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-t hover:bg-muted/40">
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={cn(
                      'px-2.5 py-1.5 align-top',
                      cell.column.columnDef.meta?.align === 'right' && 'text-right',
                    )}
                    data-column={cell.column.id}
                    data-value={cell.column.id === 'cost' ? String(row.original.cost ?? '') : undefined}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
