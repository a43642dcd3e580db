import { memo } from 'react'
import { BarList } from '@/components/charts/bar-list'
import { EmptyState, ErrorState } from '@/components/states'
import { Card, CardContent, CardHeader } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import type { Breakdown } from '@/lib/api/types'
import { formatMoney } from '@/lib/format'

/** Top groups of one dimension with their share; a click filters by the group. */
export const TopListCard = memo(function TopListCard({
  id,
  title,
  filterLabel,
  data,
  isPending,
  isFetching,
  error,
  onRetry,
  currency,
  onSelect,
  signature,
  unavailable,
}: {
  id: string
  title: string
  filterLabel: string
  data: Breakdown | undefined
  isPending: boolean
  isFetching: boolean
  error: unknown
  onRetry: () => void
  currency: string
  onSelect: (key: string) => void
  signature: string | null
  unavailable?: string
}) {
  const items = (data?.items ?? []).map((i) => ({
    key: i.key,
    label: i.label,
    value: i.cost,
    share: i.share,
  }))
  return (
    <Card aria-labelledby={`${id}-title`} aria-busy={isFetching}>
      <CardHeader
        id={`${id}-title`}
        title={title}
        description={data ? `${data.groups} in the range` : undefined}
      />
      <CardContent>
        {unavailable ? (
          <EmptyState title="Not available with these filters">{unavailable}</EmptyState>
        ) : error && !data ? (
          <ErrorState error={error} onRetry={onRetry} title={`Could not load ${title.toLowerCase()}`} />
        ) : isPending || !data ? (
          <div className="flex flex-col gap-2" role="status" aria-label={`Loading ${title.toLowerCase()}`}>
            {Array.from({ length: 6 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
              <Skeleton key={i} className="h-7 w-full" />
            ))}
          </div>
        ) : items.length === 0 ? (
          <EmptyState>No spend in this range.</EmptyState>
        ) : (
          <>
            <BarList
              items={items}
              currency={currency}
              onSelect={onSelect}
              filterLabel={filterLabel}
              markName={id}
              signature={signature}
              testId={id}
            />
            {data.other ? (
              <p className="mt-2 px-2 text-xs text-muted-foreground">
                + {data.other.groups} more: {formatMoney(data.other.cost, currency)}
              </p>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  )
})
