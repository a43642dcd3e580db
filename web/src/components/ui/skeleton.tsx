import { cn } from '@/lib/utils'

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-muted', className)} />
}

/** A placeholder for a chart or list while its data loads (announced once to screen readers). */
export function LoadingBlock({ label, className }: { label: string; className?: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className={cn('flex flex-col gap-2', className)}
      data-loading="true"
    >
      <span className="sr-only">{label}</span>
      <Skeleton className="h-full min-h-24 w-full flex-1" />
    </div>
  )
}
