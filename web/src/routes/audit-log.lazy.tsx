import { createLazyRoute } from '@tanstack/react-router'
import { AuditLogPage } from '@/features/audit-log/components/audit-log-page'

export const Route = createLazyRoute('/audit-log')({ component: AuditLogPage })
