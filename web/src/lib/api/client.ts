import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema.gen'

/** Where the API lives. Same origin by default: `sentinel serve` serves the dashboard and /api/v1 together. */
export const API_BASE_URL: string = import.meta.env.VITE_API_BASE_URL ?? globalThis.location?.origin ?? ''

const API_KEY_STORAGE = 'sentinel-api-key'

/** An API key for deployments that require one (X-API-Key); kept for the browser session only. */
export function getApiKey(): string | null {
  try {
    return sessionStorage.getItem(API_KEY_STORAGE)
  } catch {
    return null
  }
}

export function setApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(API_KEY_STORAGE, key)
    else sessionStorage.removeItem(API_KEY_STORAGE)
  } catch {
    // storage disabled: the key lives as long as nothing (the user is asked again)
  }
}

/** A failed API call: the HTTP status, the API's message and its request id (for the logs). */
export class ApiError extends Error {
  readonly status: number
  readonly requestId: string | null

  constructor(status: number, message: string, requestId: string | null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.requestId = requestId
  }
}

function messageOf(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>
    if (typeof record.message === 'string' && record.message) return record.message
    if (typeof record.detail === 'string' && record.detail) return record.detail
    if (Array.isArray(record.detail)) {
      return record.detail
        .map((e) =>
          e && typeof e === 'object' && 'msg' in e ? String((e as { msg: unknown }).msg) : String(e),
        )
        .join('; ')
    }
  }
  return status >= 500 ? 'The API failed to answer' : `The API answered ${status}`
}

const auth: Middleware = {
  onRequest({ request }) {
    const key = getApiKey()
    if (key) request.headers.set('X-API-Key', key)
    return request
  },
}

// `fetch` is looked up per call (not captured once), so test doubles and polyfills installed later apply.
export const api = createClient<paths>({
  baseUrl: API_BASE_URL,
  fetch: (request) => globalThis.fetch(request),
})
api.use(auth)

/** Unwraps an openapi-fetch result: the data, or an ApiError with the API's own message. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: Awaited<typeof call>
  try {
    result = await call
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError(0, 'Cannot reach the API. Is `sentinel serve` running?', null)
  }
  const { data, error, response } = result
  if (!response.ok || data === undefined) {
    throw new ApiError(
      response.status,
      messageOf(response.status, error),
      response.headers.get('x-request-id'),
    )
  }
  return data
}
