import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, Link, retainSearchParams } from '@tanstack/react-router'
import { AppShell } from '@/components/layout/app-shell'
import { EmptyState } from '@/components/states'
import { GLOBAL_KEYS, type GlobalSearch, validateGlobalSearch } from '@/features/filters/lib/search'

export const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  validateSearch: (search: Record<string, unknown>): GlobalSearch => validateGlobalSearch(search),
  // The filters follow the user from page to page.
  search: { middlewares: [retainSearchParams([...GLOBAL_KEYS])] },
  component: AppShell,
  notFoundComponent: () => (
    <EmptyState title="Page not found">
      <Link to="/" className="text-primary underline">
        Back to the overview
      </Link>
    </EmptyState>
  ),
})
