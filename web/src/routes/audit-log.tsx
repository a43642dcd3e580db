import { createRoute } from '@tanstack/react-router'
import { prefetchAuditLog } from '@/features/audit-log/api/line-items'
import { validateAuditSearch } from '@/features/audit-log/lib/search'
import { filtersFromSearch, validateGlobalSearch } from '@/features/filters/lib/search'
import { rootRoute } from './__root'

export const auditLogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit-log',
  validateSearch: validateAuditSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) =>
    prefetchAuditLog(
      context.queryClient,
      filtersFromSearch(validateGlobalSearch(deps)),
      validateAuditSearch(deps as Record<string, unknown>),
    ),
}).lazy(() => import('./audit-log.lazy').then((m) => m.Route))
