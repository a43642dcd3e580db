import { Check, Tag } from 'lucide-react'
import { useState } from 'react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Command, CommandInput, CommandItem, CommandList, ListStatus } from '@/components/ui/command'
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover'
import { Select } from '@/components/ui/select'
import { useCurrency } from '@/features/meta/api/use-meta'
import { formatMoney } from '@/lib/format'
import { useDebounced } from '@/lib/use-debounced'
import { cn } from '@/lib/utils'
import { useDimensionValues } from '../api/dimension-values'
import { useTagKeys } from '../api/tag-keys'
import { useFilters } from '../hooks/use-filters'
import { splitTag } from '../lib/labels'
import { toCostQuery } from '../lib/search'

/** Tag filter: pick a key, then its values. The cost tables answer one tag key at a time. */
export function TagFilter() {
  const { filters, setTags } = useFilters()
  const currency = useCurrency()
  const [open, setOpen] = useState(false)
  const selectedKey = filters.tags[0] ? splitTag(filters.tags[0]).key : ''
  const [key, setKey] = useState(selectedKey)
  const [search, setSearch] = useState('')
  const debounced = useDebounced(search.trim(), 200)
  const activeKey = key || selectedKey
  const { data, isPending, isError, error } = useDimensionValues('tag', toCostQuery(filters), {
    tagKey: activeKey,
    search: debounced || undefined,
    enabled: open && Boolean(activeKey),
  })
  const tagKeys = useTagKeys(filters, { enabled: open })
  const selected = filters.tags.filter((t) => splitTag(t).key === activeKey).map((t) => splitTag(t).value)

  const toggle = (value: string) => {
    const tag = `${activeKey}=${value}`
    // One key at a time: choosing a value of another key replaces the old key's values.
    const sameKey = filters.tags.filter((t) => splitTag(t).key === activeKey)
    setTags(sameKey.includes(tag) ? sameKey.filter((t) => t !== tag) : [...sameKey, tag])
  }

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (next) setKey(selectedKey || key)
        else setSearch('')
      }}
    >
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          className={cn('border-dashed', filters.tags.length > 0 && 'border-solid')}
        >
          <Tag aria-hidden="true" />
          <span className="sr-only">Filter by</span>
          Tag
          {filters.tags.length > 0 ? (
            <Badge className="border-transparent bg-secondary px-1 text-secondary-foreground">
              {filters.tags.length}
              <span className="sr-only">selected</span>
            </Badge>
          ) : null}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-80" aria-label="Tag filter">
        <div className="border-b p-2">
          <Select
            label="Tag key"
            value={activeKey}
            onChange={(e) => {
              setKey(e.target.value)
              setSearch('')
            }}
            className="justify-between"
          >
            <option value="">Choose a key…</option>
            {tagKeys.keys.map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
              </option>
            ))}
            {activeKey && !tagKeys.keys.some((k) => k.key === activeKey) ? (
              <option value={activeKey}>{activeKey.trim()} (no spend in the range)</option>
            ) : null}
          </Select>
        </div>
        {activeKey ? (
          <Command shouldFilter={false} label={`Search values of tag ${activeKey}`}>
            <CommandInput placeholder="Search values…" value={search} onValueChange={setSearch} />
            <ListStatus
              error={isError ? error.message : null}
              loading={isPending}
              empty={(data?.values.length ?? 0) === 0}
              emptyText="No value matches."
            />
            <CommandList hidden={(data?.values.length ?? 0) === 0}>
              {(data?.values ?? []).map((v) => {
                const checked = selected.includes(v.key)
                return (
                  <CommandItem
                    key={v.key}
                    value={v.key}
                    onSelect={() => toggle(v.key)}
                    aria-checked={checked}
                  >
                    <span
                      aria-hidden="true"
                      className={cn(
                        'flex size-4 shrink-0 items-center justify-center rounded-sm border border-primary',
                        checked ? 'bg-primary text-primary-foreground' : 'opacity-50',
                      )}
                    >
                      {checked ? <Check className="size-3" /> : null}
                    </span>
                    <span className="min-w-0 flex-1 truncate">{v.label}</span>
                    <span className="text-xs tabular-nums text-muted-foreground">
                      {formatMoney(v.cost, currency)}
                    </span>
                  </CommandItem>
                )
              })}
            </CommandList>
          </Command>
        ) : (
          <p className="p-3 text-xs text-muted-foreground">
            {tagKeys.keys.length
              ? 'Choose a tag key to see its values.'
              : tagKeys.isPending
                ? 'Loading the tag keys…'
                : 'No tagged spend in the range.'}
          </p>
        )}
        {filters.tags.length > 0 ? (
          <div className="border-t p-1">
            <Button variant="ghost" size="sm" className="w-full" onClick={() => setTags([])}>
              Clear tag filter
            </Button>
          </div>
        ) : null}
      </PopoverContent>
    </Popover>
  )
}
