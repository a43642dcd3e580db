import { describe, expect, it } from 'vitest'
import { breakdown } from '@/test/fixtures'
import { compareRows } from './compare'

describe('period comparison', () => {
  it('joins by key and computes the change', () => {
    const current = breakdown('service')
    const previous = breakdown('service', {
      items: [{ key: 'Amazon EC2', label: 'Amazon EC2', cost: 400, share: 1, line_items: 1 }],
      other: null,
    })
    const [ec2, s3] = compareRows(current, previous)
    expect(ec2).toMatchObject({ key: 'Amazon EC2', previous: 400, change: 400, changePct: 1 })
    // The previous period lists every group (no "other"), so a missing group had no spend.
    expect(s3).toMatchObject({ key: 'Amazon S3', previous: 0, change: 300, changePct: null })
  })

  it('does not invent a zero for a group outside the previous top N', () => {
    const previous = breakdown('service', {
      items: [],
      other: { groups: 40, cost: 10, share: 1, line_items: 5 },
    })
    expect(compareRows(breakdown('service'), previous)[0]).toMatchObject({ previous: null, change: null })
  })

  it('has no comparison without a previous breakdown', () => {
    expect(compareRows(breakdown('service'))[0]).toMatchObject({ previous: null, change: null })
  })
})
