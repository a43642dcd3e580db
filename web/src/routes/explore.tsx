import { createRoute } from '@tanstack/react-router'
import { prefetchExplore } from '@/features/explore/api/explore-queries'
import { validateExploreSearch } from '@/features/explore/lib/search'
import { filtersFromSearch, validateGlobalSearch } from '@/features/filters/lib/search'
import { rootRoute } from './__root'

export const exploreRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/explore',
  validateSearch: validateExploreSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) =>
    prefetchExplore(
      context.queryClient,
      filtersFromSearch(validateGlobalSearch(deps)),
      validateExploreSearch(deps as Record<string, unknown>),
    ),
}).lazy(() => import('./explore.lazy').then((m) => m.Route))
