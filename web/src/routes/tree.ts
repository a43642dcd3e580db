import { rootRoute } from './__root'
import { auditLogRoute } from './audit-log'
import { exploreRoute } from './explore'
import { overviewRoute } from './index'

export const routeTree = rootRoute.addChildren([overviewRoute, exploreRoute, auditLogRoute])
