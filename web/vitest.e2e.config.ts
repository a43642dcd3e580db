import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'

/** End-to-end: Debian's Chromium (playwright-core) against a real `sentinel serve` on the samples. */
export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
})
