import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import type { Breakdown } from '@/lib/api/types'
import * as fx from '@/test/fixtures'
import { renderApp } from '@/test/render'
import { requestsTo, server } from '@/test/server'

/** The previous-period breakdown (August 2024) answers with these fields; every other request as usual. */
function previousAugust(overrides: Partial<Breakdown>) {
  server.use(
    http.get('*/api/v1/costs/breakdown', ({ request }) => {
      const url = new URL(request.url)
      const dimension = (url.searchParams.get('dimension') ?? 'service') as never
      const august = url.searchParams.get('start') === '2024-08-01'
      return HttpResponse.json(fx.breakdown(dimension, august ? overrides : {}))
    }),
  )
}

describe('Explore', () => {
  it('breaks spend down by the dimension chosen, from the API', async () => {
    const { user, search } = renderApp('/explore?start=2024-09-01&end=2024-09-30')
    const table = await screen.findByTestId('breakdown-table')
    expect(within(table).getByRole('rowheader', { name: 'Amazon EC2' })).toBeInTheDocument()
    expect(requestsTo('/api/v1/costs/breakdown').at(-1)?.get('dimension')).toBe('service')
    await user.selectOptions(screen.getByLabelText('Group by'), 'region')
    await waitFor(() => expect(search().get('dim')).toBe('region'))
    expect(await screen.findByRole('rowheader', { name: 'eu-west-1' })).toBeInTheDocument()
    expect(requestsTo('/api/v1/costs/timeseries').at(-1)?.get('group_by')).toBe('region')
  })

  it('drills down: the group becomes a filter and the breakdown moves one level down', async () => {
    const { user, search } = renderApp('/explore?start=2024-09-01&end=2024-09-30')
    await screen.findByTestId('breakdown-table')
    await user.click(screen.getByRole('button', { name: 'Drill into Service Amazon S3' }))
    await waitFor(() => expect(search().getAll('service')).toEqual(['Amazon S3']))
    expect(search().get('dim')).toBe('operation')
    await waitFor(() => {
      const last = requestsTo('/api/v1/costs/breakdown').at(-1)
      expect(last?.get('dimension')).toBe('operation')
      expect(last?.getAll('service')).toEqual(['Amazon S3'])
    })
    expect(await screen.findByRole('rowheader', { name: 'RunInstances' })).toBeInTheDocument()
  })

  it('drills down from a click on a bar of the chart', async () => {
    const { search, container, user } = renderApp('/explore?start=2024-09-01&end=2024-09-30')
    await screen.findByTestId('breakdown-table')
    const chart = await screen.findByTestId('ranked-chart')
    await waitFor(() => expect(chart.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0))
    const bars = container.querySelectorAll('[data-testid="ranked-chart"] .recharts-bar-rectangle path')
    await user.click(bars[0] as Element)
    await waitFor(() => expect(search().getAll('service')).toEqual(['Amazon EC2']))
  })

  it('compares with the previous period', async () => {
    previousAugust({
      total: 500,
      items: [{ key: 'Amazon EC2', label: 'Amazon EC2', cost: 500, share: 1, line_items: 10 }],
    })
    const { user } = renderApp('/explore?start=2024-09-01&end=2024-09-30')
    await screen.findByTestId('breakdown-table')
    await user.selectOptions(screen.getByLabelText('Compare with'), 'previous')
    const header = await screen.findByRole('columnheader', { name: 'Aug 1, 2024 – Aug 31, 2024' })
    expect(header).toBeInTheDocument()
    const previous = requestsTo('/api/v1/costs/breakdown').find((q) => q.get('start') === '2024-08-01')
    expect(previous?.get('end')).toBe('2024-08-31')
    expect(previous?.get('top')).toBe('100')
    const row = screen.getByRole('rowheader', { name: 'Amazon EC2' }).closest('tr') as HTMLElement
    expect(within(row).getByText('$500.00')).toBeInTheDocument()
    expect(within(row).getByText('+$300.00')).toBeInTheDocument()
  })

  it('does not compare with a range that has no loaded billing data', async () => {
    previousAugust({
      range: { start: '2024-08-01', end: '2024-08-31', days: 31, covered: false },
      total: 0,
      items: [],
    })
    const { user } = renderApp('/explore?start=2024-09-01&end=2024-09-30')
    await screen.findByTestId('breakdown-table')
    await user.selectOptions(screen.getByLabelText('Compare with'), 'previous')
    expect(await screen.findByTestId('compare-missing')).toHaveTextContent(
      'no billing data loaded for Aug 1, 2024 – Aug 31, 2024',
    )
    const row = screen.getByRole('rowheader', { name: 'Amazon EC2' }).closest('tr') as HTMLElement
    expect(within(row).queryByText('+$800.00')).not.toBeInTheDocument() // not "all new" against zero
  })

  it('groups by the tag key with the most spend in the range, and offers only keys present there', async () => {
    const { user } = renderApp('/explore?dim=tag')
    await screen.findByTestId('breakdown-table')
    expect(requestsTo('/api/v1/costs/breakdown').at(-1)?.get('tag_key')).toBe('team')
    const picker = screen.getByLabelText('Tag key')
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['team', 'env'])
    await user.selectOptions(picker, ' env')
    await waitFor(() => expect(requestsTo('/api/v1/costs/breakdown').at(-1)?.get('tag_key')).toBe(' env'))
  })
})
