import { useMeta } from '@/features/meta/api/use-meta'
import { dimensionLabel, PICKER_PARAMS } from '../lib/dimensions'
import { ActiveFilters } from './active-filters'
import { CopyLinkButton } from './copy-link-button'
import { DateRangePicker } from './date-range-picker'
import { FacetedFilter } from './faceted-filter'
import { TagFilter } from './tag-filter'
import { ViewSwitch } from './view-switch'

/** The filters every page shares; all of it lives in the URL. */
export function FilterBar() {
  const { data: meta } = useMeta()
  return (
    <section aria-label="Filters" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <DateRangePicker />
        <div className="max-w-full overflow-x-auto">
          <ViewSwitch />
        </div>
        <div className="ml-auto">
          <CopyLinkButton />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        {PICKER_PARAMS.map((param) => (
          <FacetedFilter
            key={param}
            param={param}
            label={shortLabel(dimensionLabel(param, meta?.dimensions))}
          />
        ))}
        <TagFilter />
      </div>
      <ActiveFilters />
    </section>
  )
}

function shortLabel(label: string): string {
  return label === 'Usage account' ? 'Account' : label
}
