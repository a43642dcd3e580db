import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { forgetTrails } from '@/features/audit-log/hooks/use-cursor-history'
import { requests, server } from './server'

// What jsdom lacks and the UI libraries touch.
// jsdom has no layout: every observed element reports 800×300, so Recharts draws its SVG.
class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    const contentRect = { width: 800, height: 300, top: 0, left: 0, right: 800, bottom: 300, x: 0, y: 0 }
    this.callback(
      [{ target, contentRect } as unknown as ResizeObserverEntry],
      this as unknown as ResizeObserver,
    )
  }
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver
Element.prototype.scrollIntoView ??= () => {}
window.scrollTo = () => {}
Element.prototype.hasPointerCapture ??= () => false
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addEventListener: () => {},
  removeEventListener: () => {},
  addListener: () => {},
  removeListener: () => {},
  dispatchEvent: () => false,
})) as typeof window.matchMedia

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
  requests.length = 0
  forgetTrails()
  localStorage.clear()
})
afterAll(() => server.close())
