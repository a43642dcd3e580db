/** A pooled keep-alive socket may be closed by uvicorn just as it is reused ("fetch failed"): ask again. */
async function fetchWithRetry(url: URL, attempts = 3): Promise<Response> {
  for (let i = 1; ; i++) {
    try {
      return await fetch(url)
    } catch (error) {
      if (i >= attempts) throw error
      await new Promise((r) => setTimeout(r, 100 * i))
    }
  }
}

/** Reads the API directly, as the reference the dashboard's numbers are checked against. */
export async function api<T = Record<string, unknown>>(
  baseURL: string,
  path: string,
  query: Record<string, string | string[]> = {},
): Promise<T> {
  const url = new URL(`/api/v1${path}`, baseURL)
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, item)
  }
  const response = await fetchWithRetry(url)
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF), enough for the API's export. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

const SCALE = 12

/** An exact decimal ("1.5", "8.000E-7", "-0E-10") as an integer count of 10^-12 units. */
export function toUnits(text: string): bigint {
  if (!text) return 0n
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim())
  if (!match) throw new Error(`not a decimal: ${text}`)
  const [, sign, whole = '', fraction = '', exponent = '0'] = match
  const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '') || '0'
  const shift = SCALE - fraction.length + Number(exponent)
  const units = shift >= 0 ? BigInt(digits) * 10n ** BigInt(shift) : BigInt(digits) / 10n ** BigInt(-shift)
  return sign === '-' ? -units : units
}

export function unitsToNumber(units: bigint): number {
  return Number(units) / 10 ** SCALE
}
