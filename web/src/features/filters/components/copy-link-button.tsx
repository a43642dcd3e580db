import { Check, Link2 } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { useEffectiveRange, useFilters } from '../hooks/use-filters'
import { parseSearch, stringifySearch } from '../lib/search'

/** Copies a link to this exact view: the default range is written out, so the link survives new data. */
export function CopyLinkButton() {
  const { filters } = useFilters()
  const range = useEffectiveRange(filters)
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    const url = new URL(window.location.href)
    const search = parseSearch(url.search)
    if (range) Object.assign(search, { start: range.start, end: range.end })
    url.search = stringifySearch(search)
    try {
      await navigator.clipboard.writeText(url.toString())
    } catch {
      window.prompt('Copy this link', url.toString())
    }
    setCopied(true)
    setTimeout(() => setCopied(false), 1500)
  }
  return (
    <Button variant="outline" size="sm" onClick={copy} title="Copy a link to this exact view">
      {copied ? <Check aria-hidden="true" /> : <Link2 aria-hidden="true" />}
      <span className="sr-only sm:not-sr-only">{copied ? 'Copied' : 'Share'}</span>
      <span className="sr-only" aria-live="polite">
        {copied ? 'Link copied' : ''}
      </span>
    </Button>
  )
}
