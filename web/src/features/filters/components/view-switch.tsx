import { Segmented } from '@/components/ui/segmented'
import { useMeta } from '@/features/meta/api/use-meta'
import type { View } from '@/lib/api/types'
import { useFilters } from '../hooks/use-filters'
import { VIEW_LABELS, VIEWS } from '../lib/search'

const VIEW_HELP: Record<View, string> = {
  unblended: 'Unblended: what each line item was charged',
  net_unblended: 'Net unblended: after discounts (when the export has it)',
  amortized: 'Amortized: upfront and recurring commitment fees spread over usage',
  public: 'Public: on-demand list price',
}

/** Which money column every number on the page sums. */
export function ViewSwitch() {
  const { filters, setFilters } = useFilters()
  const { data: meta } = useMeta()
  const options = VIEWS.map((view) => {
    const available = meta?.views.find((v) => v.id === view)?.available ?? true
    return {
      value: view,
      label: VIEW_LABELS[view],
      disabled: !available && view !== filters.view,
      title: available ? VIEW_HELP[view] : `${VIEW_HELP[view]}. No billing period in the catalog has it.`,
    }
  })
  return (
    <Segmented
      label="Cost view"
      value={filters.view}
      options={options}
      onChange={(view) => setFilters((f) => ({ ...f, view }))}
    />
  )
}
