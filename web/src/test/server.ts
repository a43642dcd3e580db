import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import * as fx from './fixtures'

/** Every request the app made, for asserting on the query strings it sent. */
export const requests: URL[] = []

export function requestsTo(path: string): URLSearchParams[] {
  return requests.filter((u) => u.pathname === path).map((u) => u.searchParams)
}

export const handlers = [
  http.get('*/api/v1/meta', () => HttpResponse.json(fx.meta)),
  http.get('*/api/v1/summary', () => HttpResponse.json(fx.summary())),
  http.get('*/api/v1/costs/timeseries', () => HttpResponse.json(fx.timeseries())),
  http.get('*/api/v1/costs/breakdown', ({ request }) => {
    const dimension = (new URL(request.url).searchParams.get('dimension') ?? 'service') as never
    return HttpResponse.json(fx.breakdown(dimension))
  }),
  http.get('*/api/v1/dimensions/:dimension/values', ({ params, request }) => {
    // Without a tag key, the tag dimension lists the keys with spend in the range, biggest first.
    const keys = params.dimension === 'tag' && !new URL(request.url).searchParams.get('tag_key')
    return HttpResponse.json({
      dimension: params.dimension as never,
      tag_key: null,
      range: { start: '2024-09-01', end: '2024-09-30', days: 30, covered: true },
      values: keys
        ? [
            { key: 'team', label: 'team', cost: 900 },
            { key: ' env', label: 'env', cost: 300 },
          ]
        : fx
            .breakdown(params.dimension as never)
            .items.map((i) => ({ key: i.key, label: i.label, cost: i.cost })),
      offset: 0,
      truncated: false,
    })
  }),
  http.get('*/api/v1/line-items', () => HttpResponse.json(fx.lineItemPage(0, 3, null))),
]

export const server = setupServer(...handlers)

server.events.on('request:start', ({ request }) => {
  requests.push(new URL(request.url))
})
