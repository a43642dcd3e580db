// @ts-check
/**
 * A real `sentinel serve` for the e2e suite and bench/dashboard.mjs (plain ESM so both can import it).
 * The samples and an open month (buildE2eData) are built into a temporary SENTINEL_HOME unless a home with a
 * catalog is given; the API
 * and web/dist are served on 127.0.0.1 at a free port; stop() ends that process group and cleans up.
 */
import { spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const REPO_DIR = resolve(WEB_DIR, '..')
export const SENTINEL_BIN = process.env.SENTINEL_BIN ?? join(REPO_DIR, '.venv/bin/sentinel')
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** Fails early and clearly when a prerequisite is missing (rather than timing out later). */
export function checkPrerequisites() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. The e2e tests drive Debian's Chromium: ` +
        'run `apt-get update && apt-get install -y chromium` (as root), or set CHROMIUM_PATH.',
    )
  }
  if (!existsSync(SENTINEL_BIN)) {
    throw new Error(`${SENTINEL_BIN} is missing: run \`make setup\` at the repo root (it creates .venv).`)
  }
  if (!existsSync(join(WEB_DIR, 'dist/index.html'))) {
    throw new Error('web/dist is missing: build it first (`npm run build`; `npm run test:e2e` does).')
  }
}

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

/** @param {string} home */
export function hasCatalog(home) {
  return existsSync(join(home, 'catalog.duckdb'))
}

/**
 * `sentinel run --source <source>` into `home`.
 * @param {string} home @param {string} source @param {(line: string) => void} [log]
 */
export function runPipeline(home, source, log = console.log) {
  log(`sentinel run --source ${source} → ${home} …`)
  const run = spawnSync(SENTINEL_BIN, ['run', '--source', source], {
    cwd: REPO_DIR,
    env: { ...process.env, SENTINEL_HOME: home },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  if (run.status !== 0 || !hasCatalog(home)) {
    throw new Error(`sentinel run failed (exit ${run.status}):\n${(run.stderr ?? '').slice(-4000)}`)
  }
}

/** The day an open month is delivered through: yesterday (AWS lags a day), or today on the 1st. */
export function deliveredThrough(now = new Date()) {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  if (day.getUTCDate() > 1) day.setUTCDate(day.getUTCDate() - 1)
  return day.toISOString().slice(0, 10)
}

/**
 * What the e2e suite reads: the bundled samples (closed historical months) and a small generated CUR 2.0
 * export whose last month is open, delivered through yesterday, as `sentinel demo` lands it.
 * @param {string} home @param {(line: string) => void} [log]
 */
export function buildE2eData(home, log = console.log) {
  const landing = join(home, 'landing')
  const samples = join(landing, 'samples')
  mkdirSync(samples, { recursive: true })
  for (const name of readdirSync(join(REPO_DIR, 'samples'))) {
    if (/\.(csv|parquet)$/.test(name)) copyFileSync(join(REPO_DIR, 'samples', name), join(samples, name))
  }
  const through = deliveredThrough()
  const day = new Date(`${through}T00:00:00Z`)
  const previous = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7)
  const generate = spawnSync(
    SENTINEL_BIN,
    [
      'generate',
      join(landing, 'open-month'),
      '--format',
      'cur2',
      '--months',
      '2',
      '--start',
      previous,
      '--rows-per-month',
      '600',
      '--no-restate',
      '--through',
      through,
      '--quiet',
    ],
    { cwd: REPO_DIR, encoding: 'utf8' },
  )
  if (generate.status !== 0) throw new Error(`sentinel generate failed:\n${generate.stderr}`)
  runPipeline(home, landing, log)
}

/**
 * @param {string} baseURL @param {import('node:child_process').ChildProcess} child @param {string} logPath
 */
async function waitForApi(baseURL, child, logPath, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      const response = await fetch(`${baseURL}/api/v1/meta`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  const log = existsSync(logPath) ? readFileSync(logPath, 'utf8').slice(-4000) : ''
  throw new Error(`sentinel serve did not come up at ${baseURL} (exit ${child.exitCode}):\n${log}`)
}

/**
 * Starts `sentinel serve` on 127.0.0.1 over `home`; without a home, builds the samples into a temporary one.
 * @param {{ home?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ baseURL: string, home: string, stop: () => Promise<void> }>}
 */
export async function serve({ home, log = console.log } = {}) {
  const owned = home === undefined
  const dir = home ?? mkdtempSync(join(tmpdir(), 'sentinel-web-'))
  if (!hasCatalog(dir)) buildE2eData(dir, log)
  const port = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  const logPath = join(owned ? dir : tmpdir(), `sentinel-serve-${port}.log`)
  const out = createWriteStream(logPath)
  const child = spawn(
    SENTINEL_BIN,
    ['serve', '--host', '127.0.0.1', '--port', String(port), '--no-access-log'],
    {
      cwd: REPO_DIR,
      env: { ...process.env, SENTINEL_HOME: dir, SENTINEL_API_WEB_DIST: join(WEB_DIR, 'dist') },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: stopping it stops uvicorn's workers too
    },
  )
  child.stdout?.pipe(out)
  child.stderr?.pipe(out)
  const stop = async () => {
    const pid = child.pid
    if (child.exitCode === null && pid !== undefined) {
      const exited = new Promise((r) => child.once('exit', r))
      try {
        process.kill(-pid, 'SIGTERM')
      } catch {
        child.kill('SIGTERM')
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
      if (child.exitCode === null) {
        try {
          process.kill(-pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }
    out.end()
    if (owned) rmSync(dir, { recursive: true, force: true })
    else rmSync(logPath, { force: true })
  }
  try {
    await waitForApi(baseURL, child, logPath)
  } catch (error) {
    await stop()
    throw error
  }
  log(`sentinel serve: ${baseURL} (SENTINEL_HOME=${dir})`)
  return { baseURL, home: dir, stop }
}
