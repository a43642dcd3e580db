import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import * as fx from '@/test/fixtures'
import { renderApp } from '@/test/render'
import { requestsTo, server } from '@/test/server'

describe('Overview', () => {
  it('shows the KPIs of /summary for the range in the URL', async () => {
    renderApp('/?start=2024-09-01&end=2024-09-30')
    expect(await screen.findByTestId('kpi-total')).toHaveTextContent('$1,234.50')
    expect(screen.getByTestId('kpi-change')).toHaveTextContent('+$334.50')
    expect(screen.getByText(/\+37\.2% vs/)).toBeInTheDocument()
    expect(screen.getByTestId('kpi-forecast')).toHaveTextContent('$2,470.12')
    expect(screen.getByText(/\$1,234\.50 in 15 of 30 days/)).toBeInTheDocument()
    expect(screen.getByTestId('kpi-accounts')).toHaveTextContent('3')
    expect(screen.getByTestId('kpi-services')).toHaveTextContent('7')
    expect(screen.getByTestId('kpi-regions')).toHaveTextContent('4')
    const [query] = requestsTo('/api/v1/summary')
    expect(query?.get('start')).toBe('2024-09-01')
    expect(query?.get('end')).toBe('2024-09-30')
    expect(query?.get('view')).toBe('unblended')
  })

  it('asks the API for its default range when the URL has none (no wait for /meta)', async () => {
    renderApp('/')
    await screen.findByTestId('kpi-total')
    const [query] = requestsTo('/api/v1/summary')
    expect(query?.has('start')).toBe(false)
    expect(query?.has('end')).toBe(false)
  })

  it('sends every filter of the URL to every chart query', async () => {
    renderApp('/?service=Amazon+EC2&region=us-east-1&region=eu-west-1&view=amortized')
    await screen.findByTestId('kpi-total')
    await waitFor(() => expect(requestsTo('/api/v1/costs/breakdown').length).toBeGreaterThanOrEqual(3))
    for (const path of ['/api/v1/summary', '/api/v1/costs/timeseries', '/api/v1/costs/breakdown']) {
      for (const query of requestsTo(path)) {
        expect(query.getAll('service')).toEqual(['Amazon EC2'])
        expect(query.getAll('region')).toEqual(['eu-west-1', 'us-east-1'])
        expect(query.get('view')).toBe('amortized')
      }
    }
    const trend = requestsTo('/api/v1/costs/timeseries')[0]
    expect(trend?.get('group_by')).toBe('service')
    expect(trend?.get('granularity')).toBe('day')
  })

  it('lists top services and operations from /costs/breakdown', async () => {
    renderApp('/')
    const services = await screen.findByTestId('top-services')
    expect(within(services).getByText('Amazon EC2')).toBeInTheDocument()
    expect(within(services).getByText('$800.00')).toBeInTheDocument()
    const operations = await screen.findByTestId('top-operations')
    expect(within(operations).getByText('RunInstances')).toBeInTheDocument()
  })

  it('filters by a service when its row is clicked (and the URL says so)', async () => {
    const { user, search } = renderApp('/?start=2024-09-01&end=2024-09-30')
    const services = await screen.findByTestId('top-services')
    await user.click(within(services).getByRole('button', { name: /Amazon S3/ }))
    await waitFor(() => expect(search().getAll('service')).toEqual(['Amazon S3']))
    expect(search().get('start')).toBe('2024-09-01')
    await waitFor(() =>
      expect(requestsTo('/api/v1/summary').some((q) => q.getAll('service').includes('Amazon S3'))).toBe(true),
    )
    expect(await screen.findByRole('button', { name: 'Remove filter Service Amazon S3' })).toBeInTheDocument()
  })

  it('says which range has no loaded data instead of comparing with zero', async () => {
    server.use(
      http.get('*/api/v1/summary', () =>
        HttpResponse.json(
          fx.summary({
            previous_range: { start: '2024-08-01', end: '2024-08-31', days: 31, covered: false },
            previous_total: 0,
            change: 1234.5,
            change_pct: null,
          }),
        ),
      ),
    )
    renderApp('/?start=2024-09-01&end=2024-09-30')
    expect(await screen.findByTestId('kpi-change')).toHaveTextContent('—')
    expect(screen.getByText(/No billing data loaded for Aug 1/)).toBeInTheDocument()
    expect(screen.queryByText('+$1,234.50')).not.toBeInTheDocument()
    expect(screen.getByText('Nothing to compare with')).toBeInTheDocument()
    expect(screen.queryByTestId('movers')).not.toBeInTheDocument()
  })

  it('shows a closed month whole', async () => {
    server.use(
      http.get('*/api/v1/summary', () =>
        HttpResponse.json(
          fx.summary({
            month_to_date: {
              month: '2024-08',
              as_of: '2024-08-31',
              days_elapsed: 31,
              days_in_month: 31,
              cost: 900,
              forecast: 900,
              complete: true,
            },
          }),
        ),
      ),
    )
    renderApp('/?start=2024-08-01&end=2024-08-31')
    expect(await screen.findByText(/Month total · Aug 2024/)).toBeInTheDocument()
    expect(screen.getByTestId('kpi-forecast')).toHaveTextContent('$900.00')
    expect(screen.getByText('Whole month: 31 of 31 days')).toBeInTheDocument()
  })

  it('says a month without billing data has none', async () => {
    server.use(
      http.get('*/api/v1/summary', () =>
        HttpResponse.json(
          fx.summary({
            range: { start: '2020-05-01', end: '2020-05-31', days: 31, covered: false },
            month_to_date: null,
          }),
        ),
      ),
    )
    renderApp('/?start=2020-05-01&end=2020-05-31')
    expect(await screen.findByTestId('kpi-forecast')).toHaveTextContent('—')
    expect(screen.getByText('No billing data for this month')).toBeInTheDocument()
    expect(screen.getByText(/No billing data loaded for May 1/)).toBeInTheDocument()
  })

  it('offers the nearest range that can be compared, and moves there on a click', async () => {
    server.use(
      http.get('*/api/v1/summary', ({ request }) => {
        const start = new URL(request.url).searchParams.get('start')
        return HttpResponse.json(
          start === '2024-09-01'
            ? fx.summary()
            : fx.summary({
                range: { start: '2020-05-01', end: '2020-05-31', days: 31, covered: false },
                previous_range: { start: '2020-04-01', end: '2020-04-30', days: 30, covered: false },
                month_to_date: null,
                comparable_range: { start: '2024-09-01', end: '2024-09-30' },
              }),
        )
      }),
    )
    const { user, search } = renderApp('/?start=2020-05-01&end=2020-05-31')
    const offers = await screen.findAllByTestId('comparable-offer')
    expect(offers).toHaveLength(2) // the change card and the movers card
    expect(offers[0]).toHaveTextContent('Compare Sep 1, 2024 – Sep 30, 2024 instead')
    await user.click(offers[0] as HTMLElement)
    await waitFor(() => expect(search().get('start')).toBe('2024-09-01'))
    expect(search().get('end')).toBe('2024-09-30')
    expect(await screen.findByTestId('kpi-change')).toHaveTextContent('+$334.50')
    expect(screen.queryByTestId('comparable-offer')).not.toBeInTheDocument()
  })

  it('shows the API error with its request id, and retries', async () => {
    let calls = 0
    server.use(
      http.get('*/api/v1/summary', () => {
        calls += 1
        if (calls === 1) {
          return HttpResponse.json(
            { detail: 'The query engine timed out', request_id: 'req-42' },
            {
              status: 504,
              headers: { 'X-Request-ID': 'req-42' },
            },
          )
        }
        return HttpResponse.json(fx.summary({ total: 99 }))
      }),
    )
    const { user } = renderApp('/')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The query engine timed out')
    expect(alert).toHaveTextContent('req-42')
    await user.click(within(alert).getByRole('button', { name: /Retry/ }))
    expect(await screen.findByTestId('kpi-total')).toHaveTextContent('$99.00')
  })

  it('shows a validation error in the API’s words', async () => {
    server.use(
      http.get('*/api/v1/costs/timeseries', () =>
        HttpResponse.json(
          {
            detail: [{ loc: ['query', 'end'], msg: 'the range is longer than 400 days' }],
            message: 'end: the range is longer than 400 days',
          },
          { status: 422 },
        ),
      ),
    )
    renderApp('/')
    expect(await screen.findByText('end: the range is longer than 400 days')).toBeInTheDocument()
  })

  it('says so when there is no spend', async () => {
    server.use(
      http.get('*/api/v1/costs/timeseries', () => HttpResponse.json(fx.timeseries({ series: [], total: 0 }))),
      http.get('*/api/v1/costs/breakdown', ({ request }) =>
        HttpResponse.json(
          fx.breakdown((new URL(request.url).searchParams.get('dimension') ?? 'service') as never, {
            items: [],
            total: 0,
            groups: 0,
          }),
        ),
      ),
    )
    renderApp('/')
    expect(await screen.findByText('No spend in this range with these filters.')).toBeInTheDocument()
    expect(await screen.findByText('No regional spend in this range.')).toBeInTheDocument()
  })

  it('asks for an API key when the API answers 401', async () => {
    server.use(
      http.get('*/api/v1/summary', () =>
        HttpResponse.json({ detail: 'authentication required' }, { status: 401 }),
      ),
    )
    renderApp('/')
    expect(await screen.findByText('This API requires credentials')).toBeInTheDocument()
  })
})
