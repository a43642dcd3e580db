import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { createAppRouter, createQueryClient } from './app/router'
import { metaQuery } from './lib/api/queries'
import './index.css'

const queryClient = createQueryClient()
// /meta (freshness, currency, presets) is needed by every page: ask before the first render.
void queryClient.prefetchQuery(metaQuery)
const router = createAppRouter(queryClient)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} router={router} />
  </StrictMode>,
)
