import { createMemoryHistory } from '@tanstack/react-router'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { App } from '@/app/app'
import { createAppRouter, createQueryClient } from '@/app/router'

/** The whole app (router, URL state, TanStack Query) at `url`, talking to MSW instead of the API. */
export function renderApp(url: string) {
  const queryClient = createQueryClient()
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } })
  const history = createMemoryHistory({ initialEntries: [url] })
  const router = createAppRouter(queryClient, history)
  const user = userEvent.setup()
  const view = render(<App queryClient={queryClient} router={router} />)
  /** The current URL's query string as the router writes it. */
  const search = () => new URLSearchParams(router.state.location.searchStr)
  return { ...view, router, history, queryClient, user, search }
}
