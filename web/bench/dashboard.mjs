#!/usr/bin/env node
// @ts-check
/**
 * Dashboard performance, measured in headless Chromium on loopback with the app's own performance marks
 * (src/lib/perf.ts), read through page.evaluate. Not a test: it prints figures against the targets.
 *
 *   SENTINEL_HOME=/path/to/built/home node bench/dashboard.mjs   # e.g. benchmarks/api_load.py's 12 × 1M rows
 *   node bench/dashboard.mjs                                     # builds a smaller dataset first:
 *        `sentinel generate` (BENCH_MONTHS=6 × BENCH_ROWS_PER_MONTH=100000 CUR 2.0 rows) + `sentinel run`
 *
 * Figures: first load of the overview to every chart painted (target ≤ 1.5 s), a filter change to every
 * chart repainted (≤ 300 ms), and the initial JavaScript, gzipped (≤ 300 KB). BENCH_RUNS sets the repeats.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  checkPrerequisites,
  hasCatalog,
  REPO_DIR,
  runPipeline,
  SENTINEL_BIN,
  serve,
  WEB_DIR,
} from '../e2e/support/sentinel.mjs'

const TARGETS = { firstLoadMs: 1500, interactionMs: 300, initialJsKb: 300 }
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const MONTHS = Number(process.env.BENCH_MONTHS ?? 6)
const ROWS = Number(process.env.BENCH_ROWS_PER_MONTH ?? 100_000)

const log = (/** @type {string} */ line) => console.error(`[bench] ${line}`)

function median(/** @type {number[]} */ values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const fmt = (/** @type {number} */ ms) => `${Math.round(ms)} ms`
const verdict = (/** @type {number} */ value, /** @type {number} */ target) =>
  value <= target ? 'ok' : 'OVER'

/** The entry chunk and everything index.html preloads: what the browser needs before the first paint. */
function initialAssets() {
  const html = readFileSync(join(WEB_DIR, 'dist/index.html'), 'utf8')
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '')
  const gz = (/** @type {string} */ file) =>
    gzipSync(readFileSync(join(WEB_DIR, 'dist', file)), { level: 9 }).length
  const js = refs.filter((r) => r.endsWith('.js')).map((file) => ({ file, bytes: gz(file) }))
  const css = refs.filter((r) => r.endsWith('.css')).map((file) => ({ file, bytes: gz(file) }))
  return { js, css }
}

function buildDataset() {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-bench-'))
  const exportDir = join(dir, 'export')
  const home = join(dir, 'home')
  log(`no SENTINEL_HOME given: generating ${MONTHS} months × ${ROWS.toLocaleString('en-US')} line items…`)
  const generated = spawnSync(
    SENTINEL_BIN,
    [
      'generate',
      exportDir,
      '--format',
      'cur2',
      '--months',
      String(MONTHS),
      '--rows-per-month',
      String(ROWS),
      '--start',
      '2025-01',
    ],
    { cwd: REPO_DIR, encoding: 'utf8', maxBuffer: 64 << 20 },
  )
  if (generated.status !== 0) throw new Error(`sentinel generate failed:\n${generated.stderr}`)
  runPipeline(home, exportDir, log)
  return { home, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** @param {import('playwright-core').Page} page @param {string} name */
async function waitForMark(page, name, timeout = 30_000) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout })
  return page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.startTime ?? Number.NaN, name)
}

/**
 * One filter change on the loaded overview; the app measures from the click to every chart repainted.
 * @param {import('playwright-core').Page} page @param {() => Promise<void>} act
 */
async function interaction(page, act) {
  const before = await page.evaluate(() => performance.getEntriesByName('sentinel:interaction').length)
  await act()
  await page.waitForFunction((n) => performance.getEntriesByName('sentinel:interaction').length > n, before, {
    timeout: 30_000,
  })
  return page.evaluate(
    () => performance.getEntriesByName('sentinel:interaction').at(-1)?.duration ?? Number.NaN,
  )
}

async function main() {
  if (!existsSync(join(WEB_DIR, 'dist/index.html'))) {
    log('web/dist is missing: building it (vite build)…')
    const build = spawnSync('npx', ['vite', 'build'], { cwd: WEB_DIR, stdio: 'inherit' })
    if (build.status !== 0) process.exit(1)
  }
  checkPrerequisites()
  const given = process.env.SENTINEL_HOME
  if (given && !hasCatalog(given))
    throw new Error(`SENTINEL_HOME=${given} has no catalog.duckdb: build it first`)
  const dataset = given ? { home: given, cleanup: () => {} } : buildDataset()
  const server = await serve({ home: dataset.home, log })
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  })
  try {
    const meta = await (await fetch(`${server.baseURL}/api/v1/meta`)).json()
    const lineItems = meta.periods.reduce(
      (/** @type {number} */ n, /** @type {{line_items: number}} */ p) => n + p.line_items,
      0,
    )
    const latest = meta.latest_usage_date
    const yearStart = `${Number(latest.slice(0, 4)) - (Number(latest.slice(5, 7)) === 12 ? 0 : 1)}-${String((Number(latest.slice(5, 7)) % 12) + 1).padStart(2, '0')}-01`
    const scenarios = [
      { name: 'latest month (daily bars)', path: '/' },
      { name: 'last 12 months (monthly bars)', path: `/?start=${yearStart}&end=${meta.default_range.end}` },
    ]

    /** @type {Record<string, number[]>} */
    const firstLoads = {}
    /** @type {Record<string, number[]>} */
    const interactions = {
      'add a service filter': [],
      'remove it (cached data)': [],
      'switch the cost view': [],
    }
    for (const scenario of scenarios) {
      firstLoads[scenario.name] = []
      for (let run = 0; run < RUNS; run++) {
        // A new context per run: empty HTTP cache and storage, as a first visit.
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })
        const page = await context.newPage()
        await page.goto(`${server.baseURL}${scenario.path}`)
        firstLoads[scenario.name]?.push(await waitForMark(page, 'sentinel:charts-ready'))
        if (scenario.path === '/') {
          // Filter changes: a service from the top list, then removing it again, then a cost-view switch.
          const services = page.getByTestId('top-services').locator('button')
          const count = await services.count()
          const pick = services.nth(Math.min(run % Math.max(count, 1), Math.max(count - 1, 0)))
          interactions['add a service filter']?.push(await interaction(page, () => pick.click()))
          const chip = page.getByRole('button', { name: /^Remove filter/ }).first()
          interactions['remove it (cached data)']?.push(await interaction(page, () => chip.click()))
          interactions['switch the cost view']?.push(
            await interaction(page, () => page.getByText('Amortized', { exact: true }).click()),
          )
        }
        await context.close()
      }
    }

    const assets = initialAssets()
    const jsBytes = assets.js.reduce((n, a) => n + a.bytes, 0)
    const cssBytes = assets.css.reduce((n, a) => n + a.bytes, 0)
    const distJs = spawnSync('ls', [join(WEB_DIR, 'dist/assets')], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((f) => f.endsWith('.js'))
    const allJs = distJs.reduce(
      (n, f) => n + gzipSync(readFileSync(join(WEB_DIR, 'dist/assets', f)), { level: 9 }).length,
      0,
    )

    console.log('\nSentinel dashboard benchmark (headless Chromium, loopback)')
    console.log(
      `  dataset: ${given ? `SENTINEL_HOME=${given}` : `generated ${MONTHS} × ${ROWS.toLocaleString('en-US')} rows`}; ` +
        `${meta.periods.length} billing periods, ${lineItems.toLocaleString('en-US')} line items; engine ${meta.engine}`,
    )
    console.log(
      `  runs: ${RUNS} per scenario, each in a fresh browser context (run 1 also meets a cold API cache)\n`,
    )
    console.log(`  first load → charts rendered (target ≤ ${TARGETS.firstLoadMs} ms)`)
    for (const [name, values] of Object.entries(firstLoads)) {
      const m = median(values)
      console.log(
        `    ${name.padEnd(32)} median ${fmt(m).padStart(7)}  [${values.map(fmt).join(', ')}]  ${verdict(m, TARGETS.firstLoadMs)}`,
      )
    }
    const all = Object.values(interactions).flat()
    console.log(`  filter change → charts updated (target ≤ ${TARGETS.interactionMs} ms)`)
    for (const [name, values] of Object.entries(interactions)) {
      const m = median(values)
      console.log(
        `    ${name.padEnd(32)} median ${fmt(m).padStart(7)}  [${values.map(fmt).join(', ')}]  ${verdict(m, TARGETS.interactionMs)}`,
      )
    }
    console.log(
      `    ${'all'.padEnd(32)} median ${fmt(median(all)).padStart(7)}  max ${fmt(Math.max(...all))}  ${verdict(median(all), TARGETS.interactionMs)}`,
    )
    console.log(`  initial JS, gzipped (target ≤ ${TARGETS.initialJsKb} KB)`)
    console.log(
      `    ${(jsBytes / 1024).toFixed(1)} KB  ${verdict(jsBytes / 1024, TARGETS.initialJsKb)}  (${assets.js.map((a) => `${a.file.replace('assets/', '')} ${(a.bytes / 1024).toFixed(1)} KB`).join(', ')})`,
    )
    console.log(
      `    + CSS ${(cssBytes / 1024).toFixed(1)} KB; all JS incl. lazy chunks (Recharts, explore, audit log) ${(allJs / 1024).toFixed(1)} KB`,
    )
    const dist = statSync(join(WEB_DIR, 'dist/index.html')).mtime.toISOString()
    console.log(`  (web/dist built ${dist})`)
  } finally {
    await browser.close()
    await server.stop()
    dataset.cleanup()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
