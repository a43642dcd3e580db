import type { ReactNode } from 'react'
import { FilterBar } from '@/features/filters/components/filter-bar'
import { FreshnessIndicator } from '@/features/meta/components/freshness-indicator'

/** A page: its title, the shared filter bar, then the content. */
export function Page({
  title,
  description,
  actions,
  children,
}: {
  title: string
  description?: ReactNode
  actions?: ReactNode
  children: ReactNode
}) {
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
        </div>
        <div className="flex items-center gap-2">
          <div className="md:hidden">
            <FreshnessIndicator />
          </div>
          {actions}
        </div>
      </div>
      <FilterBar />
      {children}
    </>
  )
}
