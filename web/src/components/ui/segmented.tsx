import { useId } from 'react'
import { cn } from '@/lib/utils'

export type SegmentOption<T extends string> = { value: T; label: string; disabled?: boolean; title?: string }

/** A radio group drawn as a segmented control (arrow keys move between options). */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  className,
}: {
  label: string
  value: T
  options: SegmentOption<T>[]
  onChange: (value: T) => void
  className?: string
}) {
  const name = useId()
  return (
    <fieldset className={cn('inline-flex min-w-0 rounded-md border border-input bg-muted p-0.5', className)}>
      <legend className="sr-only">{label}</legend>
      {options.map((option) => (
        <label
          key={option.value}
          title={option.title}
          className={cn(
            'relative cursor-pointer rounded-[5px] px-2.5 py-1 text-xs font-medium whitespace-nowrap text-muted-foreground transition-colors',
            'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
            option.value === value && 'bg-background text-foreground shadow-xs',
            option.disabled && 'cursor-not-allowed opacity-50',
          )}
        >
          <input
            type="radio"
            className="sr-only"
            name={name}
            value={option.value}
            checked={option.value === value}
            disabled={option.disabled}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  )
}
