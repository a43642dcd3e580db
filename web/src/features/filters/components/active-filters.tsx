import { X } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { useMeta } from '@/features/meta/api/use-meta'
import { useFilters } from '../hooks/use-filters'
import { dimensionLabel } from '../lib/dimensions'
import { valueLabel } from '../lib/labels'
import { activeFilterCount, FILTER_PARAMS } from '../lib/search'

/** Every active filter as a removable chip (drill-downs add operation, usage type, ... here too). */
export function ActiveFilters() {
  const { filters, removeValue, setTags, clearFilters } = useFilters()
  const { data: meta } = useMeta()
  if (activeFilterCount(filters) === 0) return null
  const chips = FILTER_PARAMS.flatMap((param) =>
    (filters.values[param] ?? []).map((value) => ({
      id: `${param}:${value}`,
      label: dimensionLabel(param, meta?.dimensions),
      value: valueLabel(value),
      remove: () => removeValue(param, value),
    })),
  ).concat(
    filters.tags.map((tag) => ({
      id: `tag:${tag}`,
      label: 'Tag',
      value: tag,
      remove: () => setTags(filters.tags.filter((t) => t !== tag)),
    })),
  )
  return (
    <ul
      className="flex flex-wrap items-center gap-1.5"
      aria-label="Active filters"
      data-testid="active-filters"
    >
      {chips.map((chip) => (
        <li
          key={chip.id}
          className="inline-flex max-w-full items-center gap-1 rounded-full border bg-secondary py-0.5 pr-0.5 pl-2.5 text-xs text-secondary-foreground"
        >
          <span className="text-muted-foreground">{chip.label}:</span>
          <span className="max-w-48 truncate font-medium" title={chip.value}>
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
      ))}
      <li>
        <Button variant="link" size="sm" onClick={clearFilters}>
          Clear all
        </Button>
      </li>
    </ul>
  )
}
