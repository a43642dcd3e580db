import type { Breakdown } from '@/lib/api/types'

export type CompareRow = {
  key: string
  label: string
  cost: number
  share: number | null
  lineItems: number
  /** The comparison period's cost; null when unknown (the group fell outside the previous top N). */
  previous: number | null
  change: number | null
  changePct: number | null
}

/** Joins the current breakdown with the comparison period's by group key. */
export function compareRows(current: Breakdown, previous?: Breakdown | null): CompareRow[] {
  const before = new Map((previous?.items ?? []).map((i) => [i.key, i.cost]))
  const complete = previous ? previous.other === null : false
  return current.items.map((item) => {
    const prior = previous ? (before.get(item.key) ?? (complete ? 0 : null)) : null
    const change = prior === null ? null : item.cost - prior
    return {
      key: item.key,
      label: item.label,
      cost: item.cost,
      share: item.share,
      lineItems: item.line_items,
      previous: prior,
      change,
      changePct: change === null || prior === null || prior === 0 ? null : change / Math.abs(prior),
    }
  })
}
