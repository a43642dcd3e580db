import { X } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { useMeta } from '@/features/meta/api/use-meta'
import type { FilterParam } from '@/lib/api/types'
import { useDimensionValuePages } from '../api/dimension-values'
import { useFilters } from '../hooks/use-filters'
import { dimensionLabel, NAMED_DIMENSIONS } from '../lib/dimensions'
import { labelTitle, valueLabel } from '../lib/labels'
import { activeFilterCount, FILTER_PARAMS, toCostQuery } from '../lib/search'

type Chip = { id: string; label: string; value: string; title: string; remove: () => void }

/** Every active filter as a removable chip (drill-downs add operation, usage type, ... here too). */
export function ActiveFilters() {
  const { filters, setTags, clearFilters } = useFilters()
  if (activeFilterCount(filters) === 0) return null
  const tagChips: Chip[] = filters.tags.map((tag) => ({
    id: `tag:${tag}`,
    label: 'Tag',
    value: tag,
    title: tag,
    remove: () => setTags(filters.tags.filter((t) => t !== tag)),
  }))
  return (
    <ul
      className="flex flex-wrap items-center gap-1.5"
      aria-label="Active filters"
      data-testid="active-filters"
    >
      {FILTER_PARAMS.filter((param) => (filters.values[param] ?? []).length > 0).map((param) => (
        <ParamChips key={param} param={param} />
      ))}
      {tagChips.map((chip) => (
        <FilterChip key={chip.id} chip={chip} />
      ))}
      <li>
        <Button variant="link" size="sm" onClick={clearFilters}>
          Clear all
        </Button>
      </li>
    </ul>
  )
}

/** One parameter's chips; an account reads by its name. */
function ParamChips({ param }: { param: FilterParam }) {
  const { filters, removeValue } = useFilters()
  const { data: meta } = useMeta()
  const selected = filters.values[param] ?? []
  const named = NAMED_DIMENSIONS.includes(param)
  // The picker's own first page, so usually already cached.
  const { data } = useDimensionValuePages(param, toCostQuery(filters), { enabled: named })
  const names = new Map((data?.pages[0]?.values ?? []).map((v) => [v.key, v.label]))
  return selected.map((value) => {
    const shown = names.get(value) ?? valueLabel(value)
    const chip: Chip = {
      id: `${param}:${value}`,
      label: dimensionLabel(param, meta?.dimensions),
      value: shown,
      title: labelTitle(shown, value),
      remove: () => removeValue(param, value),
    }
    return <FilterChip key={chip.id} chip={chip} />
  })
}

function FilterChip({ chip }: { chip: Chip }) {
  return (
    <li className="inline-flex max-w-full items-center gap-1 rounded-full border bg-secondary py-0.5 pr-0.5 pl-2.5 text-xs text-secondary-foreground">
      <span className="text-muted-foreground">{chip.label}:</span>
      <span className="max-w-48 truncate font-medium" title={chip.title}>
        {chip.value}
      </span>
      <button
        type="button"
        onClick={chip.remove}
        aria-label={`Remove filter ${chip.label} ${chip.value}`}
        className="rounded-full p-1 hover:bg-accent"
      >
        <X aria-hidden="true" className="size-3" />
      </button>
    </li>
  )
}
