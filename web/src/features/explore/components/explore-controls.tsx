import { Link } from '@tanstack/react-router'
import { ScrollText } from 'lucide-react'
import { buttonClass } from '@/components/ui/button'
import { Segmented } from '@/components/ui/segmented'
import { Select } from '@/components/ui/select'
import { dimensionLabel, tagCompatible } from '@/features/filters/lib/dimensions'
import type { Dimension, Meta } from '@/lib/api/types'
import { type Compare, DIMENSIONS } from '../lib/search'

export function ExploreControls({
  meta,
  dimension,
  tagKey,
  tagKeys,
  tagFiltered,
  granularity,
  explicitGranularity,
  compare,
  onChange,
}: {
  meta: Meta | undefined
  dimension: Dimension
  tagKey: string | undefined
  tagKeys: { key: string; label: string }[]
  tagFiltered: boolean
  granularity: 'day' | 'month'
  explicitGranularity: boolean
  compare: Compare | undefined
  onChange: (patch: Record<string, unknown>) => void
}) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2" data-testid="explore-controls">
      <Select
        label="Group by"
        value={dimension}
        onChange={(e) =>
          onChange({ dim: e.target.value === 'service' ? undefined : e.target.value, tag_key: undefined })
        }
      >
        {DIMENSIONS.map((d) => {
          const allowed = !tagFiltered || tagCompatible(d, meta?.dimensions)
          return (
            <option key={d} value={d} disabled={!allowed}>
              {dimensionLabel(d, meta?.dimensions)}
              {allowed ? '' : ' (not with a tag filter)'}
            </option>
          )
        })}
      </Select>
      {dimension === 'tag' ? (
        <Select
          label="Tag key"
          value={tagKey ?? ''}
          onChange={(e) => onChange({ tag_key: e.target.value || undefined })}
        >
          {tagKeys.map((k) => (
            <option key={k.key} value={k.key}>
              {k.label}
            </option>
          ))}
        </Select>
      ) : null}
      <Segmented
        label="Granularity"
        value={explicitGranularity ? granularity : 'auto'}
        options={[
          { value: 'auto', label: `Auto (${granularity === 'day' ? 'daily' : 'monthly'})` },
          { value: 'day', label: 'Daily' },
          { value: 'month', label: 'Monthly' },
        ]}
        onChange={(value) => onChange({ gran: value === 'auto' ? undefined : value })}
      />
      <Select
        label="Compare with"
        value={compare ?? ''}
        onChange={(e) => onChange({ compare: e.target.value || undefined })}
      >
        <option value="">Nothing</option>
        <option value="previous">Previous period</option>
        <option value="year">Same period last year</option>
      </Select>
      <Link to="/audit-log" className={buttonClass('outline', 'sm', 'ml-auto')}>
        <ScrollText aria-hidden="true" />
        View line items
      </Link>
    </div>
  )
}
