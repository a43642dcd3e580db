import type { Table } from '@tanstack/react-table'
import { Columns3 } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover'
import type { LineItem } from '@/lib/api/types'

/** Show or hide columns (the choice is part of the URL). */
export function ColumnChooser({ table, onReset }: { table: Table<LineItem>; onReset: () => void }) {
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm">
          <Columns3 aria-hidden="true" />
          Columns
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-60 p-2" aria-label="Columns">
        <fieldset>
          <legend className="px-1 pb-1 text-xs font-medium text-muted-foreground">Visible columns</legend>
          <div className="flex max-h-80 flex-col overflow-y-auto">
            {table.getAllLeafColumns().map((column) => (
              <label
                key={column.id}
                className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 text-sm hover:bg-accent"
              >
                <input
                  type="checkbox"
                  className="size-4 accent-[var(--primary)]"
                  checked={column.getIsVisible()}
                  disabled={column.getIsVisible() && table.getVisibleLeafColumns().length === 1}
                  onChange={column.getToggleVisibilityHandler()}
                />
                {column.columnDef.meta?.label ?? column.id}
              </label>
            ))}
          </div>
        </fieldset>
        <Button variant="ghost" size="sm" className="mt-1 w-full" onClick={onReset}>
          Reset columns
        </Button>
      </PopoverContent>
    </Popover>
  )
}
