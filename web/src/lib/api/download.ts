import { ApiError, getApiKey } from './client'

/** The file name a Content-Disposition header names, if any. */
export function attachmentName(disposition: string | null): string | null {
  const match = disposition?.match(/filename="?([^";]+)"?/)
  return match?.[1] ?? null
}

/**
 * Whether a plain link can download `url`: only when no API key is needed. A link cannot carry the
 * X-API-Key header, so with a key the file is fetched (with the header) and saved from memory instead;
 * without one the browser streams it straight to disk, however large.
 */
export function needsAuthenticatedDownload(): boolean {
  return getApiKey() !== null
}

/** Fetch `url` with the session's API key and hand it to the browser as a download. */
export async function downloadWithKey(url: string, fallbackName: string): Promise<void> {
  const headers = new Headers()
  const key = getApiKey()
  if (key) headers.set('X-API-Key', key)
  let response: Response
  try {
    response = await globalThis.fetch(url, { headers })
  } catch {
    throw new ApiError(0, 'Cannot reach the API. Is `sentinel serve` running?', null)
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      response.status === 401 ? 'The API key was not accepted' : `The export failed (${response.status})`,
      response.headers.get('x-request-id'),
    )
  }
  const blob = await response.blob()
  const href = URL.createObjectURL(blob)
  try {
    const anchor = document.createElement('a')
    anchor.href = href
    anchor.download = attachmentName(response.headers.get('content-disposition')) ?? fallbackName
    document.body.append(anchor)
    anchor.click()
    anchor.remove()
  } finally {
    // After the click has been dispatched the browser holds its own reference to the blob.
    setTimeout(() => URL.revokeObjectURL(href), 0)
  }
}
