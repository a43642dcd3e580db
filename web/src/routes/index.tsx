import { createRoute } from '@tanstack/react-router'
import { filtersFromSearch, validateGlobalSearch } from '@/features/filters/lib/search'
import { prefetchOverview } from '@/features/overview/api/overview-queries'
import { OverviewPage } from '@/features/overview/components/overview-page'
import { rootRoute } from './__root'

export const overviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  // Start the page's requests with the navigation (or on hover of a link), not after its first render.
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) =>
    prefetchOverview(context.queryClient, filtersFromSearch(validateGlobalSearch(deps))),
  component: OverviewPage,
})
