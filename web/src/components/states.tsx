import { AlertTriangle, Inbox, KeyRound, RotateCw } from 'lucide-react'
import { type FormEvent, type ReactNode, useState } from 'react'
import { Button } from '@/components/ui/button'
import { ApiError, setApiKey } from '@/lib/api/client'
import { cn } from '@/lib/utils'

/** An error with the API's own message, its request id, and a retry. A 401 asks for an API key. */
export function ErrorState({
  error,
  onRetry,
  title = 'Could not load this',
  className,
}: {
  error: unknown
  onRetry?: () => void
  title?: string
  className?: string
}) {
  const apiError = error instanceof ApiError ? error : null
  const message = error instanceof Error ? error.message : 'Something went wrong'
  if (apiError?.status === 401) return <ApiKeyPrompt onSaved={onRetry} className={className} />
  return (
    <div
      role="alert"
      className={cn(
        'flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-destructive/40 p-6 text-center',
        className,
      )}
    >
      <AlertTriangle aria-hidden="true" className="size-5 text-destructive" />
      <p className="text-sm font-medium">{title}</p>
      <p className="max-w-prose text-xs text-muted-foreground">{message}</p>
      {apiError?.requestId ? (
        <p className="text-[11px] text-muted-foreground">Request id {apiError.requestId}</p>
      ) : null}
      {onRetry ? (
        <Button variant="outline" size="sm" onClick={onRetry}>
          <RotateCw aria-hidden="true" /> Retry
        </Button>
      ) : null}
    </div>
  )
}

function ApiKeyPrompt({ onSaved, className }: { onSaved?: () => void; className?: string }) {
  const [value, setValue] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setApiKey(value.trim() || null)
    onSaved?.()
  }
  return (
    <form
      onSubmit={submit}
      role="alert"
      className={cn(
        'flex flex-col items-center gap-2 rounded-lg border border-dashed p-6 text-center',
        className,
      )}
    >
      <KeyRound aria-hidden="true" className="size-5 text-muted-foreground" />
      <p className="text-sm font-medium">This API requires credentials</p>
      <label className="flex flex-col gap-1 text-xs text-muted-foreground">
        API key (kept for this browser session)
        <input
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="h-8 rounded-md border border-input bg-background px-2 text-sm text-foreground"
        />
      </label>
      <Button type="submit" size="sm">
        Use key
      </Button>
    </form>
  )
}

export function EmptyState({
  title = 'No costs here',
  children,
  className,
}: {
  title?: string
  children?: ReactNode
  className?: string
}) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center gap-1.5 rounded-lg border border-dashed p-6 text-center',
        className,
      )}
    >
      <Inbox aria-hidden="true" className="size-5 text-muted-foreground" />
      <p className="text-sm font-medium">{title}</p>
      {children ? <div className="max-w-prose text-xs text-muted-foreground">{children}</div> : null}
    </div>
  )
}
