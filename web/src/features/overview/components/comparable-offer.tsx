import type { Summary } from '@/lib/api/types'
import { formatRange } from '@/lib/format'

export type RangeChoice = { start: string; end: string }

/** Where a comparison cannot be made, the nearest range of the same shape that can (the API's choice). */
export function ComparableOffer({
  summary,
  onRange,
}: {
  summary: Summary
  onRange: (range: RangeChoice) => void
}) {
  const offer = summary.comparable_range
  if (!offer) return null
  return (
    // A wrapping text link, not a Button: the card is narrow on a phone.
    <button
      type="button"
      className="text-left text-xs font-medium text-primary underline-offset-4 hover:underline focus-visible:underline"
      data-testid="comparable-offer"
      onClick={() => onRange({ start: offer.start, end: offer.end })}
    >
      Compare {formatRange(offer.start, offer.end)} instead
    </button>
  )
}
