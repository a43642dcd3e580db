import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { renderApp } from '@/test/render'
import { requestsTo, server } from '@/test/server'

describe('Filter bar', () => {
  it('applies a preset relative to the newest data and writes it to the URL', async () => {
    const { user, search } = renderApp('/')
    await screen.findByTestId('kpi-total')
    await user.click(screen.getByTestId('date-range'))
    const dialog = await screen.findByRole('dialog')
    // meta.latest_usage_date is 2024-09-15: "Last 3 months" is July to September 2024.
    await user.click(within(dialog).getByRole('button', { name: 'Last 3 months' }))
    await waitFor(() => expect(search().get('start')).toBe('2024-07-01'))
    expect(search().get('end')).toBe('2024-09-30')
    await waitFor(() =>
      expect(
        requestsTo('/api/v1/summary').some(
          (q) => q.get('start') === '2024-07-01' && q.get('end') === '2024-09-30',
        ),
      ).toBe(true),
    )
    // A quarter is still drawn day by day; a longer range switches to months.
    await waitFor(() => expect(requestsTo('/api/v1/costs/timeseries').at(-1)?.get('granularity')).toBe('day'))
  })

  it('applies a custom range', async () => {
    const { user, search } = renderApp('/')
    await user.click(await screen.findByTestId('date-range'))
    const dialog = await screen.findByRole('dialog')
    // jsdom's date inputs take a whole value at a time (as a date picker sets it).
    fireEvent.change(within(dialog).getByLabelText('From'), { target: { value: '2024-01-01' } })
    fireEvent.change(within(dialog).getByLabelText('To'), { target: { value: '2024-08-31' } })
    expect(within(dialog).getByLabelText('From')).toHaveValue('2024-01-01')
    expect(within(dialog).getByRole('button', { name: 'Apply range' })).toBeEnabled()
    await user.click(within(dialog).getByRole('button', { name: 'Apply range' }))
    await waitFor(() => expect(search().get('start')).toBe('2024-01-01'))
    expect(search().get('end')).toBe('2024-08-31')
    await waitFor(() =>
      expect(requestsTo('/api/v1/costs/timeseries').at(-1)?.get('granularity')).toBe('month'),
    )
  })

  it('picks service values from the API (searched server-side) and removes them again', async () => {
    const { user, search } = renderApp('/?start=2024-09-01&end=2024-09-30')
    await screen.findByTestId('kpi-total')
    await user.click(screen.getByRole('button', { name: /Filter by Service/ }))
    const option = await screen.findByRole('option', { name: /AWS Lambda/ })
    await user.click(option)
    await waitFor(() => expect(search().getAll('service')).toEqual(['AWS Lambda']))
    await user.type(screen.getByRole('combobox', { name: 'Search Service' }), 'lam')
    await waitFor(() =>
      expect(requestsTo('/api/v1/dimensions/service/values').at(-1)?.get('search')).toBe('lam'),
    )
    await user.keyboard('{Escape}')
    await user.click(await screen.findByRole('button', { name: 'Remove filter Service AWS Lambda' }))
    await waitFor(() => expect(search().has('service')).toBe(false))
    expect(search().get('start')).toBe('2024-09-01')
  })

  it('switches the cost view; views the catalog lacks are disabled', async () => {
    const { user, search } = renderApp('/')
    await screen.findByTestId('kpi-total')
    const views = screen.getByRole('group', { name: 'Cost view' })
    expect(within(views).getByRole('radio', { name: 'Net' })).toBeDisabled()
    await user.click(within(views).getByRole('radio', { name: 'Amortized' }))
    await waitFor(() => expect(search().get('view')).toBe('amortized'))
    await waitFor(() => expect(requestsTo('/api/v1/summary').at(-1)?.get('view')).toBe('amortized'))
  })

  it('keeps the filters when moving between pages', async () => {
    const { user, router } = renderApp('/?service=Amazon+EC2&start=2024-09-01&end=2024-09-30')
    await screen.findByTestId('kpi-total')
    await user.click(screen.getByRole('link', { name: /Audit log/ }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/audit-log'))
    const params = new URLSearchParams(router.state.location.searchStr)
    expect(params.getAll('service')).toEqual(['Amazon EC2'])
    expect(params.get('start')).toBe('2024-09-01')
  })

  it('shows data freshness per billing period', async () => {
    const { user } = renderApp('/')
    const [button] = await screen.findAllByTestId('freshness')
    expect(button).toHaveTextContent('Data as of')
    expect(button).toHaveTextContent('Sep 15, 2024')
    await user.click(button as HTMLElement)
    const table = await screen.findByRole('table', { name: 'Freshness per billing period' })
    expect(within(table).getByRole('rowheader', { name: 'Aug 2024' })).toBeInTheDocument()
    expect(within(table).getByText('Aug 31, 2024')).toBeInTheDocument()
  })
})

describe('Named and paged pickers', () => {
  it('reads an account filter by its name, with the id on hover', async () => {
    server.use(
      http.get('*/api/v1/dimensions/account/values', () =>
        HttpResponse.json({
          dimension: 'account',
          tag_key: null,
          range: { start: '2024-09-01', end: '2024-09-30', days: 30, covered: true },
          values: [{ key: '210000000001', label: 'Payments Prod', cost: 900 }],
          offset: 0,
          truncated: false,
        }),
      ),
    )
    renderApp('/?start=2024-09-01&end=2024-09-30&account=210000000001')
    const chip = await screen.findByRole('button', { name: 'Remove filter Usage account Payments Prod' })
    expect(chip.parentElement?.querySelector('[title]')?.getAttribute('title')).toBe(
      'Payments Prod · 210000000001',
    )
  })

  it('pages a long list of values: "Show more" asks for the next offset', async () => {
    server.use(
      http.get('*/api/v1/dimensions/resource/values', ({ request }) => {
        const offset = Number(new URL(request.url).searchParams.get('offset') ?? 0)
        return HttpResponse.json({
          dimension: 'resource',
          tag_key: null,
          range: { start: '2024-09-01', end: '2024-09-30', days: 30, covered: true },
          values: Array.from({ length: 100 }, (_, i) => ({
            key: `i-${offset + i}`,
            label: `i-${offset + i}`,
            cost: 1000 - offset - i,
          })),
          offset,
          truncated: offset === 0,
        })
      }),
    )
    const { user } = renderApp('/?start=2024-09-01&end=2024-09-30')
    await screen.findByTestId('kpi-total')
    await user.click(screen.getByRole('button', { name: /Filter by Resource/ }))
    await screen.findByRole('option', { name: /i-99\b/ })
    expect(screen.queryByRole('option', { name: /i-100\b/ })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Show more' }))
    await screen.findByRole('option', { name: /i-199\b/ })
    expect(requestsTo('/api/v1/dimensions/resource/values').at(-1)?.get('offset')).toBe('100')
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument()
  })
})
