import { Check, PlusCircle } from 'lucide-react'
import { useState } from 'react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Command, CommandInput, CommandItem, CommandList, ListStatus } from '@/components/ui/command'
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover'
import { useCurrency } from '@/features/meta/api/use-meta'
import type { FilterParam } from '@/lib/api/types'
import { formatMoney } from '@/lib/format'
import { useDebounced } from '@/lib/use-debounced'
import { cn } from '@/lib/utils'
import { useDimensionValuePages } from '../api/dimension-values'
import { useFilters } from '../hooks/use-filters'
import { labelTitle } from '../lib/labels'
import { toCostQuery } from '../lib/search'

/** A multi-select over one dimension's values: searched on the server, scoped by the other filters. */
export function FacetedFilter({ param, label }: { param: FilterParam; label: string }) {
  const { filters, setValues } = useFilters()
  const [open, setOpen] = useState(false)
  const [search, setSearch] = useState('')
  const debounced = useDebounced(search.trim(), 200)
  const currency = useCurrency()
  const selected = filters.values[param] ?? []
  const { data, isPending, isError, error, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useDimensionValuePages(param, toCostQuery(filters), { search: debounced || undefined, enabled: open })

  const toggle = (value: string) =>
    setValues(param, selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value])

  const values = data?.pages.flatMap((page) => page.values) ?? []
  const unlisted = selected.filter((s) => !values.some((v) => v.key === s))

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) setSearch('')
      }}
    >
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          className={cn('border-dashed', selected.length > 0 && 'border-solid')}
        >
          <PlusCircle aria-hidden="true" />
          <span className="sr-only">Filter by</span>
          {label}
          {selected.length > 0 ? (
            <Badge className="border-transparent bg-secondary px-1 text-secondary-foreground">
              {selected.length}
              <span className="sr-only">selected</span>
            </Badge>
          ) : null}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-80" aria-label={`${label} filter`}>
        <Command shouldFilter={false} label={`Search ${label}`}>
          <CommandInput
            placeholder={`Search ${label.toLowerCase()}…`}
            value={search}
            onValueChange={setSearch}
          />
          <ListStatus
            error={isError ? error.message : null}
            loading={isPending}
            empty={values.length + unlisted.length === 0}
            emptyText={`No ${label.toLowerCase()} matches.`}
          />
          {/* Hidden while it has no option: an empty listbox is an ARIA error. */}
          <CommandList hidden={values.length + unlisted.length === 0}>
            {unlisted.map((value) => (
              <FacetItem key={`selected:${value}`} value={value} checked onSelect={() => toggle(value)} />
            ))}
            {values.map((v) => (
              <FacetItem
                key={v.key}
                value={v.key}
                label={v.label}
                cost={formatMoney(v.cost, currency)}
                checked={selected.includes(v.key)}
                onSelect={() => toggle(v.key)}
              />
            ))}
            {hasNextPage ? (
              <div className="flex items-center justify-between gap-2 px-2 py-1.5 text-[11px] text-muted-foreground">
                <span>Showing the top {values.length}: type to search.</span>
                <Button
                  variant="link"
                  size="sm"
                  disabled={isFetchingNextPage}
                  onClick={() => void fetchNextPage()}
                >
                  Show more
                </Button>
              </div>
            ) : null}
          </CommandList>
          {selected.length > 0 ? (
            <div className="border-t p-1">
              <Button variant="ghost" size="sm" className="w-full" onClick={() => setValues(param, [])}>
                Clear {label.toLowerCase()} filter
              </Button>
            </div>
          ) : null}
        </Command>
      </PopoverContent>
    </Popover>
  )
}

function FacetItem({
  value,
  label,
  cost,
  checked,
  onSelect,
}: {
  value: string
  label?: string
  cost?: string
  checked: boolean
  onSelect: () => void
}) {
  return (
    <CommandItem value={value} onSelect={onSelect} aria-checked={checked} data-checked={checked}>
      <span
        aria-hidden="true"
        className={cn(
          'flex size-4 shrink-0 items-center justify-center rounded-sm border border-primary',
          checked ? 'bg-primary text-primary-foreground' : 'opacity-50',
        )}
      >
        {checked ? <Check className="size-3" /> : null}
      </span>
      <span className="min-w-0 flex-1 truncate" title={labelTitle(label ?? value, value)}>
        {label ?? value}
      </span>
      {cost ? <span className="text-xs tabular-nums text-muted-foreground">{cost}</span> : null}
    </CommandItem>
  )
}
