// `npm test`: the component tests (vitest + MSW), then the end-to-end tests (Chromium against a real
// `sentinel serve` on the samples), then one closing line that counts both: "web: N passed, N failed".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'sentinel-web-tests-'))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function run(script, name) {
  const report = join(dir, `${name}.json`)
  const result = spawnSync(
    npm,
    ['run', script, '--', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { stdio: 'inherit' },
  )
  const counts = { passed: 0, failed: 0, skipped: 0 }
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    counts.passed = json.numPassedTests ?? 0
    counts.failed = (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0)
    counts.skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0)
  }
  // A run that failed before reporting (e.g. Chromium or .venv missing) counts as one failure.
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1
  return { ...counts, ok: result.status === 0 }
}

const unit = run('test:unit', 'unit')
const e2e = run('test:e2e', 'e2e')
rmSync(dir, { recursive: true, force: true })

const passed = unit.passed + e2e.passed
const failed = unit.failed + e2e.failed
const skipped = unit.skipped + e2e.skipped
console.log(
  `\nunit: ${unit.passed} passed, ${unit.failed} failed · e2e: ${e2e.passed} passed, ${e2e.failed} failed`,
)
console.log(`web: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(unit.ok && e2e.ok ? 0 : 1)
