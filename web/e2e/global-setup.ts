import type { TestProject } from 'vitest/node'
import { checkPrerequisites, serve } from './support/sentinel.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

export default async function setup(project: TestProject) {
  checkPrerequisites()
  const home = process.env.SENTINEL_E2E_HOME || undefined
  const served = await serve(home ? { home } : {})
  project.provide('baseURL', served.baseURL)
  return async () => {
    await served.stop()
  }
}
