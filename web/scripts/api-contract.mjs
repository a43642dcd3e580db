// The API contract: web/openapi.json (from the Python app) and src/lib/api/schema.gen.ts (its types).
//   node scripts/api-contract.mjs          regenerate both files
//   node scripts/api-contract.mjs --check  fail when either differs from what is on disk (CI: npm run check:api)
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const repo = resolve(web, '..')
const specPath = join(web, 'openapi.json')
const typesPath = join(web, 'src/lib/api/schema.gen.ts')
const python = process.env.SENTINEL_PYTHON ?? join(repo, '.venv/bin/python')

function openapiDocument() {
  if (!existsSync(python)) {
    throw new Error(`no Python at ${python}: run \`make setup\` (or set SENTINEL_PYTHON)`)
  }
  // A clean environment: the document must not depend on the caller's SENTINEL_* settings.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SENTINEL_')))
  const code = [
    'import json, logging',
    'logging.disable(logging.CRITICAL)',
    'from api.main import create_app',
    'from api.settings import ApiSettings',
    // A loopback server needs no cursor secret; the document does not depend on it.
    "print(json.dumps(create_app(ApiSettings(bind_host='127.0.0.1')).openapi(), indent=2, ensure_ascii=False))",
  ].join('; ')
  const out = execFileSync(python, ['-c', code], { cwd: repo, env, encoding: 'utf8', maxBuffer: 64 << 20 })
  return JSON.parse(out)
}

async function generate() {
  const document = openapiDocument()
  const spec = `${JSON.stringify(document, null, 2)}\n`
  const ast = await openapiTS(document, { alphabetize: false, exportType: true })
  const banner =
    '// Generated from web/openapi.json by `npm run gen:api` (scripts/api-contract.mjs). Do not edit.\n' +
    '// `npm run check:api` fails when this file or openapi.json drifts from the Python app.\n\n'
  const types = banner + astToString(ast)
  return { spec, types }
}

const check = process.argv.includes('--check')
const { spec, types } = await generate()
if (check) {
  const drift = []
  for (const [path, text] of [
    [specPath, spec],
    [typesPath, types],
  ]) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : ''
    if (current !== text) drift.push(path.slice(repo.length + 1))
  }
  if (drift.length) {
    console.error(`API contract drift: ${drift.join(', ')} differ from the Python app's OpenAPI document.`)
    console.error(
      'Run `npm run gen:api` in web/, review the type errors it causes (npx tsc --noEmit), commit.',
    )
    process.exit(1)
  }
  console.log('API contract: web/openapi.json and src/lib/api/schema.gen.ts match the Python app.')
} else {
  writeFileSync(specPath, spec)
  writeFileSync(typesPath, types)
  console.log(`wrote ${specPath.slice(repo.length + 1)} and ${typesPath.slice(repo.length + 1)}`)
}
