import type { HTMLAttributes, ReactNode } from 'react'
import { cn } from '@/lib/utils'

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return (
    <section
      className={cn('rounded-xl border bg-card text-card-foreground shadow-xs min-w-0', className)}
      {...props}
    />
  )
}

export function CardHeader({
  title,
  description,
  action,
  id,
  className,
}: {
  title: ReactNode
  description?: ReactNode
  action?: ReactNode
  id?: string
  className?: string
}) {
  return (
    <div className={cn('flex flex-wrap items-start justify-between gap-2 px-5 pt-4 pb-2', className)}>
      <div className="min-w-0">
        <h2 id={id} className="text-sm font-semibold leading-6">
          {title}
        </h2>
        {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
      </div>
      {action}
    </div>
  )
}

export function CardContent({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('px-5 pb-5', className)} {...props} />
}
