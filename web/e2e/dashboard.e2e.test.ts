/**
 * The dashboard against a real `sentinel serve` over the bundled samples, in Debian's Chromium.
 * Every number on screen is checked against the API's own answer for the same filters.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { api, parseCsv, toUnits, unitsToNumber } from './api'
import { type Browser, launch, newPage, type Page, seriousViolations, settled } from './browser'
import { deliveredThrough, REPO_DIR } from './support/sentinel.mjs'

const baseURL = inject('baseURL')
const NOV_2018 = { start: '2018-11-01', end: '2018-11-30' }
// The newest data: the open month, delivered through yesterday (support/sentinel.mjs builds it).
const THROUGH = deliveredThrough()
/** The first day of the month `back` months before the newest data's month. */
function monthEnd(): string {
  const day = new Date(`${THROUGH}T00:00:00Z`)
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).toISOString().slice(0, 10)
}
function monthStart(back: number): string {
  const day = new Date(`${THROUGH}T00:00:00Z`)
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - back, 1)).toISOString().slice(0, 10)
}
// docs/screenshots locally; under CI (CI=true, as .ci/run sets it) a temporary folder, so a test run does not
// leave the clone dirty with re-rendered PNGs. SCREENSHOTS_DIR overrides both.
const SCREENSHOTS =
  process.env.SCREENSHOTS_DIR ??
  (process.env.CI ? join(tmpdir(), 'sentinel-web-screenshots') : join(REPO_DIR, 'docs/screenshots'))

type Summary = {
  total: number
  change: number
  range: { start: string; end: string; covered: boolean }
  previous_range: { covered: boolean }
  month_to_date: { month: string; forecast: number; cost: number; complete: boolean } | null
  comparable_range: { start: string; end: string } | null
}
type Breakdown = {
  total: number
  source: string
  items: { key: string; label: string; cost: number; line_items: number }[]
}
type LineItemPage = {
  items: { cost: number | null; resource_id: string | null; usage_start: string }[]
  next_cursor: string | null
}

let browser: Browser

beforeAll(async () => {
  browser = await launch()
  mkdirSync(SCREENSHOTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
})

async function open(path: string, options: Parameters<typeof newPage>[1] = {}) {
  const session = await newPage(browser, options)
  await session.page.goto(`${baseURL}${path}`)
  await settled(session.page)
  return session
}

const url = (page: Page) => new URL(page.url())

async function kpiTotal(page: Page): Promise<number> {
  const total = page.getByTestId('kpi-total')
  await total.waitFor()
  return Number(await total.getAttribute('data-value'))
}

function money(value: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(value)
}

describe('overview', () => {
  it("shows the API's /summary total for the default range (the newest month)", async () => {
    const { page, context, errors } = await open('/')
    const summary = await api<Summary>(baseURL, '/summary')
    expect(await kpiTotal(page)).toBe(summary.total)
    await expect.poll(() => page.getByTestId('kpi-total').textContent()).toBe(money(summary.total))
    const meta = await api<{ latest_usage_date: string }>(baseURL, '/meta')
    expect(await page.getByTestId('freshness').first().textContent()).toContain('Data as of')
    expect(meta.latest_usage_date).toBe(THROUGH) // the open month, delivered through yesterday
    expect(errors).toEqual([])
    await context.close()
  })

  it("shows the API's total for a range in the URL, with charts drawn from the API", async () => {
    const { page, context } = await open(`/?start=${NOV_2018.start}&end=${NOV_2018.end}`)
    const summary = await api<Summary>(baseURL, '/summary', NOV_2018)
    expect(await kpiTotal(page)).toBe(summary.total)
    expect(await page.getByTestId('kpi-total').textContent()).toBe('$3,505.33')
    // 30 days of stacked bars, and the top service the API names.
    await page.locator('[data-testid="stacked-chart"] .recharts-bar-rectangle').first().waitFor()
    const services = await api<Breakdown>(baseURL, '/costs/breakdown', {
      ...NOV_2018,
      dimension: 'service',
      top: '8',
    })
    expect(await page.getByTestId('top-services').locator('li').first().textContent()).toContain(
      services.items[0]?.key,
    )
    await context.close()
  })

  it('changing a filter changes the URL and the numbers', async () => {
    const { page, context } = await open(`/?start=${NOV_2018.start}&end=${NOV_2018.end}`)
    const before = await kpiTotal(page)
    await page.getByRole('button', { name: /Filter by Region/ }).click()
    await page.getByRole('option', { name: /^global/ }).click()
    await expect.poll(() => url(page).searchParams.getAll('region')).toEqual(['global'])
    const filtered = await api<Summary>(baseURL, '/summary', { ...NOV_2018, region: 'global' })
    await expect.poll(() => kpiTotal(page)).toBe(filtered.total)
    expect(filtered.total).not.toBe(before)
    await page.keyboard.press('Escape')

    // The cost view is a filter too.
    await page.getByRole('radio', { name: 'Amortized' }).check({ force: true })
    await expect.poll(() => url(page).searchParams.get('view')).toBe('amortized')
    const amortized = await api<Summary>(baseURL, '/summary', {
      ...NOV_2018,
      region: 'global',
      view: 'amortized',
    })
    await expect.poll(() => kpiTotal(page)).toBe(amortized.total)

    // A preset relative to the newest data: "Last 3 months" is its month and the two before, whole.
    await page.getByTestId('date-range').click()
    await page.getByRole('button', { name: 'Last 3 months' }).click()
    await expect.poll(() => url(page).searchParams.get('start')).toBe(monthStart(2))
    expect(url(page).searchParams.get('end')).toBe(monthEnd())

    // The link reproduces the view.
    const { page: again, context: second } = await open(`${url(page).pathname}${url(page).search}`)
    const shared = await api<Summary>(baseURL, '/summary', {
      start: monthStart(2),
      end: monthEnd(),
      region: 'global',
      view: 'amortized',
    })
    expect(await kpiTotal(again)).toBe(shared.total)
    await second.close()
    await context.close()
  })
})

describe('explore', () => {
  it('drills down from a click on a bar: the group becomes a filter', async () => {
    const { page, context } = await open(`/explore?start=${NOV_2018.start}&end=${NOV_2018.end}`)
    const services = await api<Breakdown>(baseURL, '/costs/breakdown', {
      ...NOV_2018,
      dimension: 'service',
      top: '12',
    })
    const top = services.items[0]?.key as string
    expect(Number(await page.getByTestId('explore-total').getAttribute('data-value'))).toBe(services.total)
    await page.locator('[data-testid="ranked-chart"] .recharts-bar-rectangle path').first().click()
    await expect.poll(() => url(page).searchParams.getAll('service')).toEqual([top])
    expect(url(page).searchParams.get('dim')).toBe('operation')
    const operations = await api<Breakdown>(baseURL, '/costs/breakdown', {
      ...NOV_2018,
      service: top,
      dimension: 'operation',
      top: '12',
    })
    await expect
      .poll(async () => Number(await page.getByTestId('explore-total').getAttribute('data-value')))
      .toBe(operations.total)
    await expect
      .poll(() => page.getByTestId('breakdown-table').locator('tbody th').first().textContent())
      .toBe(operations.items[0]?.key)
    expect(await page.getByRole('button', { name: `Remove filter Service ${top}` }).isVisible()).toBe(true)
    await context.close()
  })

  it('names accounts, with the id on hover', async () => {
    const range = { start: monthStart(0), end: monthEnd() }
    const accounts = await api<Breakdown>(baseURL, '/costs/breakdown', {
      ...range,
      dimension: 'account',
      top: '12',
    })
    const first = accounts.items[0] as Breakdown['items'][number]
    expect(first.label).not.toBe(first.key) // the generated organisation names its accounts
    const { page, context } = await open(`/explore?start=${range.start}&end=${range.end}&dim=account`)
    const heading = page.getByTestId('breakdown-table').locator('tbody th').first()
    await expect.poll(() => heading.textContent()).toBe(first.label)
    expect(await heading.getAttribute('title')).toBe(`${first.label} · ${first.key}`)
    await page.screenshot({ path: join(SCREENSHOTS, 'explore-accounts-by-name.png'), fullPage: true })
    await page.getByRole('button', { name: `Drill into Usage account ${first.label}` }).click()
    await expect.poll(() => url(page).searchParams.getAll('account')).toEqual([first.key])
    await page.getByRole('button', { name: `Remove filter Usage account ${first.label}` }).waitFor()
    await context.close()
  })

  it('breaks down by resource from the line items, and a resource opens its line items', async () => {
    const resources = await api<Breakdown>(baseURL, '/costs/breakdown', {
      ...NOV_2018,
      dimension: 'resource',
      top: '12',
    })
    expect(resources.source).toBe('silver.line_items')
    const top = resources.items.find((i) => i.key !== '') as Breakdown['items'][number]
    const { page, context } = await open(`/explore?start=${NOV_2018.start}&end=${NOV_2018.end}&dim=resource`)
    await expect
      .poll(async () => Number(await page.getByTestId('explore-total').getAttribute('data-value')))
      .toBe(resources.total)
    await page.getByRole('button', { name: `Drill into Resource ${top.label}` }).click()
    await expect.poll(() => url(page).pathname).toBe('/audit-log')
    expect(url(page).searchParams.getAll('resource')).toEqual([top.key])
    const rows = page.getByTestId('line-items').locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(Math.min(top.line_items, 50))
    const shown = await page
      .locator('[data-testid="line-items"] td[data-column="resource_id"]')
      .allTextContents()
    expect(new Set(shown)).toEqual(new Set([top.key]))
    await context.close()
  })

  it('compares with the previous period', async () => {
    const { page, context } = await open(`/explore?start=2024-09-01&end=2024-09-30&compare=previous`)
    await page.getByRole('columnheader', { name: 'Aug 1, 2024 – Aug 31, 2024' }).waitFor()
    await context.close()
  })
})

describe('audit log', () => {
  it('paginates with the API cursor, and sorts on the server', async () => {
    const { page, context } = await open(`/audit-log?start=${NOV_2018.start}&end=${NOV_2018.end}&size=25`)
    const rows = page.getByTestId('line-items').locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(25)
    await expect
      .poll(() => page.getByTestId('page-status').textContent())
      .toBe('Page 1 · Rows 1–25 of 124,340')
    const firstPage = await rows.allTextContents()

    await page.getByTestId('next-page').click()
    await expect.poll(() => url(page).searchParams.has('cursor')).toBe(true)
    await expect
      .poll(() => page.getByTestId('page-status').textContent())
      .toBe('Page 2 · Rows 26–50 of 124,340')
    const secondPage = await rows.allTextContents()
    expect(secondPage).toHaveLength(25)
    expect(secondPage).not.toEqual(firstPage)
    const reference = await api<LineItemPage>(baseURL, '/line-items', { ...NOV_2018, limit: '25' })
    const next = await api<LineItemPage>(baseURL, '/line-items', {
      ...NOV_2018,
      limit: '25',
      cursor: reference.next_cursor as string,
    })
    const resources = await page
      .locator('[data-testid="line-items"] td[data-column="resource_id"]')
      .allTextContents()
    expect(resources).toEqual(next.items.map((i) => i.resource_id ?? '—'))

    await page.getByRole('button', { name: 'Previous' }).click()
    await expect.poll(() => rows.allTextContents()).toEqual(firstPage)

    await page.getByRole('button', { name: /^Cost/ }).click()
    await expect.poll(() => url(page).searchParams.get('sort')).toBe('cost')
    const top = await api<LineItemPage>(baseURL, '/line-items', {
      ...NOV_2018,
      sort: 'cost',
      order: 'desc',
      limit: '25',
    })
    const costCells = page.locator('[data-testid="line-items"] td[data-column="cost"]')
    await expect
      .poll(async () => Number(await costCells.first().getAttribute('data-value')))
      .toBe(top.items[0]?.cost)
    const costs = await costCells.evaluateAll((cells) =>
      cells.map((c) => Number(c.getAttribute('data-value'))),
    )
    expect(costs).toEqual([...costs].sort((a, b) => b - a))
    await page.getByRole('button', { name: /^Cost/ }).click()
    await expect.poll(() => url(page).searchParams.get('order')).toBe('asc')
    await context.close()
  })

  it("exports a CSV whose cost sums to the API's total for the same filters", async () => {
    const filters = { ...NOV_2018, service: 'Amazon Elastic Compute Cloud', view: 'amortized' }
    const query = new URLSearchParams(filters).toString()
    const { page, context } = await open(`/audit-log?${query}`)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ])
    const path = await download.path()
    const rows = parseCsv(readFileSync(path, 'utf8'))
    const header = rows[0] as string[]
    const cost = header.indexOf('cost')
    const service = header.indexOf('service')
    const data = rows.slice(1).filter((r) => r.length === header.length)
    const summary = await api<Summary>(baseURL, '/summary', filters)
    const count = await api<Breakdown>(baseURL, '/costs/breakdown', { ...filters, dimension: 'provider' })
    expect(data.length).toBe(count.items.reduce((n, i) => n + i.line_items, 0))
    expect(new Set(data.map((r) => r[service]))).toEqual(new Set([filters.service]))
    const sum = unitsToNumber(data.reduce((total, r) => total + toUnits(r[cost] ?? ''), 0n))
    expect(Math.abs(sum - summary.total)).toBeLessThan(1e-6)
    // The file name says the range, the view and the filters.
    expect(download.suggestedFilename()).toBe(
      'sentinel-line-items_2018-11-01_2018-11-30_amortized_service-Amazon-Elastic-Compute-Cloud.csv',
    )
    await context.close()
  })
})

describe('the KPI cards say what they show', () => {
  const monthCard = (page: Page) => page.getByTestId('kpi-forecast').locator('xpath=..')

  it('the open month: month to date and a forecast, compared with the month before', async () => {
    const { page, context, errors } = await open('/')
    const summary = await api<Summary>(baseURL, '/summary')
    expect(summary.month_to_date?.complete).toBe(false)
    await expect.poll(() => monthCard(page).textContent()).toMatch(/Month-end forecast/)
    expect(Number(await page.getByTestId('kpi-forecast').getAttribute('data-value'))).toBe(
      summary.month_to_date?.forecast,
    )
    expect(await monthCard(page).textContent()).toMatch(/in \d+ of \d+ days/)
    expect(summary.previous_range.covered).toBe(true) // the generated month before it
    expect(Number(await page.getByTestId('kpi-change').getAttribute('data-value'))).toBe(summary.change)
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-open-month.png'), fullPage: true })
    expect(errors).toEqual([])
    await context.close()
  })

  it('a closed month: its own total; the month before it has no data, so no change is claimed', async () => {
    const { page, context } = await open(`/?start=${NOV_2018.start}&end=${NOV_2018.end}`)
    await expect.poll(() => monthCard(page).textContent()).toMatch(/Month total · Nov 2018/)
    const summary = await api<Summary>(baseURL, '/summary', NOV_2018)
    expect(Number(await page.getByTestId('kpi-forecast').getAttribute('data-value'))).toBe(summary.total)
    expect(await page.getByTestId('kpi-change').textContent()).toBe('—')
    expect(await page.getByTestId('kpi-change').locator('xpath=..').textContent()).toMatch(
      /No billing data loaded for Oct 1/,
    )
    expect(await page.getByText('Nothing to compare with').count()).toBe(1)
    // It offers the nearest month that has a loaded month before it, and moves there.
    expect(summary.comparable_range).not.toBeNull()
    const offer = summary.comparable_range as { start: string; end: string }
    await page.getByTestId('comparable-offer').first().click()
    await expect.poll(() => url(page).searchParams.get('start')).toBe(offer.start)
    expect(url(page).searchParams.get('end')).toBe(offer.end)
    const moved = await api<Summary>(baseURL, '/summary', offer)
    expect(moved.range.covered && moved.previous_range.covered).toBe(true)
    await expect
      .poll(async () => Number(await page.getByTestId('kpi-change').getAttribute('data-value')))
      .toBe(moved.change)
    await context.close()
  })

  it('a single day: the month it lies in', async () => {
    const { page, context } = await open('/?start=2018-11-12&end=2018-11-12')
    await expect.poll(() => monthCard(page).textContent()).toMatch(/Month total · Nov 2018/)
    const summary = await api<Summary>(baseURL, '/summary', { start: '2018-11-12', end: '2018-11-12' })
    expect(await kpiTotal(page)).toBe(summary.total)
    await context.close()
  })

  it('a range outside the loaded data: no month, no change, said so', async () => {
    const { page, context } = await open('/?start=2020-05-01&end=2020-05-31')
    await expect.poll(() => monthCard(page).textContent()).toMatch(/No billing data for this month/)
    expect(await page.getByTestId('kpi-change').textContent()).toBe('—')
    expect(await page.getByTestId('kpi-change').locator('xpath=..').textContent()).toMatch(
      /No billing data loaded for May 1/,
    )
    await context.close()
  })
})

describe('accessibility, themes and screens', () => {
  const pages = [
    ['overview', `/?start=${NOV_2018.start}&end=${NOV_2018.end}`],
    ['explore', `/explore?start=${NOV_2018.start}&end=${NOV_2018.end}`],
    ['audit-log', `/audit-log?start=${NOV_2018.start}&end=${NOV_2018.end}&size=25`],
  ] as const

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, path] of pages) {
      it(`${name} (${colorScheme}): no serious or critical axe violation; screenshot`, async () => {
        const { page, context, errors } = await open(path, { colorScheme })
        expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(
          colorScheme === 'dark',
        )
        expect(await seriousViolations(page)).toEqual([])
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true })
        expect(errors).toEqual([])
        await context.close()
      })
    }
  }

  it('works on a 390px phone: nothing wider than the screen, no axe violation', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [name, path] of pages) {
        const { page, context } = await open(path, { width: 390, height: 844, colorScheme })
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        expect(width, `${name} overflows at 390px`).toBeLessThanOrEqual(390)
        expect(await seriousViolations(page)).toEqual([])
        if (name === 'overview') {
          await page.screenshot({
            path: join(SCREENSHOTS, `overview-mobile-${colorScheme}.png`),
            fullPage: true,
          })
        }
        await context.close()
      }
    }
  })

  it('popovers (filters, tags, freshness, columns) pass axe too', async () => {
    const { page, context } = await open(`/audit-log?start=${NOV_2018.start}&end=${NOV_2018.end}`)
    const popovers: [string, RegExp | string][] = [
      ['Service filter', /Filter by Service/],
      ['Tag filter', /Filter by Tag/],
      ['Columns', 'Columns'],
    ]
    for (const [dialog, trigger] of popovers) {
      await page.getByRole('button', { name: trigger }).click()
      await page.getByRole('dialog', { name: dialog }).waitFor()
      await settled(page)
      expect(await seriousViolations(page), dialog).toEqual([])
      await page.keyboard.press('Escape')
    }
    await page.getByTestId('freshness').first().click()
    await page.getByRole('dialog', { name: 'Data freshness' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })

  it('is keyboard-operable: skip link, filters, popovers', async () => {
    const { page, context } = await open(`/?start=${NOV_2018.start}&end=${NOV_2018.end}`)
    await page.keyboard.press('Tab')
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main')
    // Tab to the date range, open it with the keyboard, pick a preset with the keyboard.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'date-range'))
        break
    }
    await page.keyboard.press('Enter')
    await page.getByRole('dialog').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    // Focus moves into the popover, on the first preset ("This month").
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('This month')
    await page.keyboard.press('Enter')
    await expect.poll(() => url(page).searchParams.get('start')).toBe(monthStart(0))
    await context.close()
  })
})
