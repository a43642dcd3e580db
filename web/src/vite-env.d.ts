/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the API lives when it is not the dashboard's own origin (e.g. API Gateway). */
  readonly VITE_API_BASE_URL?: string
}
