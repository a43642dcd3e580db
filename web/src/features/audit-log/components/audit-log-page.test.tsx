import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { setApiKey } from '@/lib/api/client'
import * as fx from '@/test/fixtures'
import { renderApp } from '@/test/render'
import { requestsTo, server } from '@/test/server'

/** Two pages of three rows: the first names a cursor, the second is the last. */
function twoPages() {
  server.use(
    http.get('*/api/v1/line-items', ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor')
      return HttpResponse.json(
        cursor === 'page2.sig' ? fx.lineItemPage(3, 3, null) : fx.lineItemPage(0, 3, 'page2.sig'),
      )
    }),
  )
}

const resourceCells = () =>
  screen
    .getAllByRole('cell')
    .filter((c) => c.getAttribute('data-column') === 'resource_id')
    .map((c) => c.textContent)

describe('Audit log', () => {
  it('asks the API for one sorted page with the filters, never the whole table', async () => {
    renderApp('/audit-log?start=2024-09-01&end=2024-09-30&service=Amazon+EC2')
    await screen.findByTestId('line-items')
    const [query] = requestsTo('/api/v1/line-items')
    expect(query?.get('sort')).toBe('usage_start')
    expect(query?.get('order')).toBe('desc')
    expect(query?.get('limit')).toBe('50')
    expect(query?.getAll('service')).toEqual(['Amazon EC2'])
    expect(query?.has('cursor')).toBe(false)
    expect(resourceCells()).toEqual(['i-000000', 'i-000001', 'i-000002'])
  })

  it('pages forward with the cursor and back again', async () => {
    twoPages()
    const { user, search } = renderApp('/audit-log')
    await screen.findByTestId('line-items')
    expect(screen.getByTestId('page-status')).toHaveTextContent('Page 1 · Rows 1–3')
    expect(screen.getByRole('button', { name: /Previous/ })).toBeDisabled()
    await user.click(screen.getByRole('button', { name: /Next/ }))
    await waitFor(() => expect(search().get('cursor')).toBe('page2.sig'))
    await waitFor(() => expect(resourceCells()).toEqual(['i-000003', 'i-000004', 'i-000005']))
    expect(requestsTo('/api/v1/line-items').some((q) => q.get('cursor') === 'page2.sig')).toBe(true)
    expect(screen.getByTestId('page-status')).toHaveTextContent('Page 2 · Rows 51–53')
    expect(screen.getByRole('button', { name: /Next/ })).toBeDisabled()
    await user.click(screen.getByRole('button', { name: /Previous/ }))
    await waitFor(() => expect(search().has('cursor')).toBe(false))
    await waitFor(() => expect(resourceCells()).toEqual(['i-000000', 'i-000001', 'i-000002']))
  })

  it('sorts on the server when a header is clicked', async () => {
    const { user, search } = renderApp('/audit-log')
    await screen.findByTestId('line-items')
    await user.click(screen.getByRole('button', { name: /Cost \(unblended\)/ }))
    await waitFor(() => expect(search().get('sort')).toBe('cost'))
    await waitFor(() => {
      const last = requestsTo('/api/v1/line-items').at(-1)
      expect(last?.get('sort')).toBe('cost')
      expect(last?.get('order')).toBe('desc')
    })
    expect(screen.getByRole('columnheader', { name: /Cost/ })).toHaveAttribute('aria-sort', 'descending')
    await user.click(screen.getByRole('button', { name: /Cost \(unblended\)/ }))
    await waitFor(() => expect(search().get('order')).toBe('asc'))
  })

  it('starts again from the first page when the filters change', async () => {
    twoPages()
    const { user, search } = renderApp('/audit-log')
    await screen.findByTestId('line-items')
    await user.click(screen.getByRole('button', { name: /Next/ }))
    await waitFor(() => expect(search().get('cursor')).toBe('page2.sig'))
    const views = screen.getByRole('group', { name: 'Cost view' })
    await user.click(within(views).getByRole('radio', { name: 'Public' }))
    await waitFor(() => expect(search().get('view')).toBe('public'))
    expect(search().has('cursor')).toBe(false)
  })

  it('chooses columns, and the URL remembers them', async () => {
    const { user, search } = renderApp('/audit-log')
    await screen.findByTestId('line-items')
    expect(screen.getByRole('columnheader', { name: /Resource/ })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Columns' }))
    const chooser = await screen.findByRole('dialog')
    await user.click(within(chooser).getByRole('checkbox', { name: 'Resource' }))
    await user.click(within(chooser).getByRole('checkbox', { name: 'Tags' }))
    await waitFor(() =>
      expect(screen.queryByRole('columnheader', { name: /Resource/ })).not.toBeInTheDocument(),
    )
    expect(await screen.findByRole('columnheader', { name: 'Tags' })).toBeInTheDocument()
    expect(search().getAll('cols')).toContain('tags')
    expect(search().getAll('cols')).not.toContain('resource_id')
  })

  it('exports the whole filtered set from the API', async () => {
    renderApp('/audit-log?start=2024-09-01&end=2024-09-30&region=us-east-1&tag=env%3Dprod&view=amortized')
    const link = await screen.findByTestId('export-csv')
    const url = new URL(link.getAttribute('href') ?? '', 'http://localhost')
    expect(url.pathname).toBe('/api/v1/line-items/export.csv')
    expect(url.searchParams.get('start')).toBe('2024-09-01')
    expect(url.searchParams.get('end')).toBe('2024-09-30')
    expect(url.searchParams.get('view')).toBe('amortized')
    expect(url.searchParams.getAll('region')).toEqual(['us-east-1'])
    expect(url.searchParams.getAll('tag')).toEqual(['env=prod'])
    expect(link).toHaveAttribute('download')
  })

  it('sends the API key with the export when the deployment needs one', async () => {
    let seenKey: string | null = null
    server.use(
      http.get('*/api/v1/line-items/export.csv', ({ request }) => {
        seenKey = request.headers.get('x-api-key')
        return new HttpResponse('billing_period,cost\r\n2024-09,1.5\r\n', {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': 'attachment; filename="sentinel-line-items_2024-09-01_2024-09-30.csv"',
          },
        })
      }),
    )
    const created: Blob[] = []
    const clicked: string[] = []
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob)
      return 'blob:export'
    })
    const revokeObjectURL = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download)
    })
    setApiKey('k-123')
    try {
      const { user } = renderApp('/audit-log?start=2024-09-01&end=2024-09-30')
      await user.click(await screen.findByTestId('export-csv'))
      await waitFor(() => expect(clicked).toEqual(['sentinel-line-items_2024-09-01_2024-09-30.csv']))
      expect(seenKey).toBe('k-123')
      expect(await created[0]?.text()).toBe('billing_period,cost\r\n2024-09,1.5\r\n')
    } finally {
      setApiKey(null)
      createObjectURL.mockRestore()
      revokeObjectURL.mockRestore()
      click.mockRestore()
    }
  })

  it('says why an authenticated export failed', async () => {
    server.use(http.get('*/api/v1/line-items/export.csv', () => new HttpResponse(null, { status: 401 })))
    setApiKey('wrong')
    try {
      const { user } = renderApp('/audit-log')
      await user.click(await screen.findByTestId('export-csv'))
      expect(await screen.findByRole('alert')).toHaveTextContent('The API key was not accepted')
    } finally {
      setApiKey(null)
    }
  })

  it('shows how many line items match (from the gold counts)', async () => {
    renderApp('/audit-log')
    await screen.findByTestId('line-items')
    // fixtures: one provider with 100 line items
    await waitFor(() => expect(screen.getByTestId('page-status')).toHaveTextContent('of 100'))
  })

  it('says so when nothing matches', async () => {
    server.use(http.get('*/api/v1/line-items', () => HttpResponse.json(fx.lineItemPage(0, 0, null))))
    renderApp('/audit-log')
    expect(await screen.findByText('No line item matches these filters in this range.')).toBeInTheDocument()
  })
})
