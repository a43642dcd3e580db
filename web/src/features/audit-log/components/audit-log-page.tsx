import { ChevronLeft, ChevronRight, ChevronsLeft, Download } from 'lucide-react'
import { type MouseEvent, useState } from 'react'
import { Page } from '@/components/layout/page'
import { EmptyState, ErrorState } from '@/components/states'
import { Button, buttonClass } from '@/components/ui/button'
import { Card, CardContent } from '@/components/ui/card'
import { Select } from '@/components/ui/select'
import { Skeleton } from '@/components/ui/skeleton'
import { VIEW_LABELS } from '@/features/filters/lib/search'
import { downloadWithKey, needsAuthenticatedDownload } from '@/lib/api/download'
import { formatNumber } from '@/lib/format'
import { useAuditLog } from '../hooks/use-audit-log'
import { PAGE_SIZES } from '../lib/search'
import { LineItemsTable } from './line-items-table'

export function AuditLogPage() {
  const a = useAuditLog()
  const currency = a.meta?.currency ?? 'USD'
  const items = a.page.data?.items ?? []
  const total = a.count.data
  const first = a.position.index >= 0 && a.position.fromFirst ? a.position.index * a.size + 1 : null
  const pageLabel =
    first !== null
      ? `Rows ${formatNumber(first)}–${formatNumber(first + items.length - 1)}${total !== undefined ? ` of ${formatNumber(total)}` : ''}`
      : `${formatNumber(items.length)} rows${total !== undefined ? ` of ${formatNumber(total)}` : ''}`

  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState<string | null>(null)
  const onExport = (event: MouseEvent<HTMLAnchorElement>) => {
    setExportError(null)
    if (!needsAuthenticatedDownload()) return // the link streams the file to disk
    event.preventDefault()
    setExporting(true)
    downloadWithKey(a.exportUrl, 'sentinel-line-items.csv')
      .catch((error: unknown) => setExportError(error instanceof Error ? error.message : String(error)))
      .finally(() => setExporting(false))
  }

  return (
    <Page
      title="Audit log"
      description="Every line item behind the numbers, filtered, sorted and paged by the API."
      actions={
        <div className="flex items-center gap-2">
          {exportError && (
            <span role="alert" className="text-sm text-destructive">
              {exportError}
            </span>
          )}
          <a
            href={a.exportUrl}
            download
            onClick={onExport}
            aria-busy={exporting}
            className={buttonClass('default', 'sm')}
            data-testid="export-csv"
          >
            <Download aria-hidden="true" />
            {exporting ? 'Exporting…' : 'Export CSV'}
            <span className="sr-only">
              of all {total !== undefined ? `${formatNumber(total)} ` : ''}filtered line items
            </span>
          </a>
        </div>
      }
    >
      <Card>
        <CardContent className="pt-4" id="line-items-top">
          {a.page.error && !a.page.data ? (
            <ErrorState
              error={a.page.error}
              onRetry={() => void a.page.refetch()}
              title="Could not load line items"
            />
          ) : a.page.isPending ? (
            <div className="flex flex-col gap-2" role="status" aria-label="Loading line items">
              {Array.from({ length: 10 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
                <Skeleton key={i} className="h-8 w-full" />
              ))}
            </div>
          ) : items.length === 0 && a.position.index <= 0 ? (
            <EmptyState title="No line items">No line item matches these filters in this range.</EmptyState>
          ) : (
            <div className="flex flex-col gap-3">
              <LineItemsTable
                items={items}
                currency={currency}
                costLabel={VIEW_LABELS[a.filters.view].toLowerCase()}
                sort={a.sort}
                order={a.order}
                onSort={a.setSort}
                visible={a.columns}
                onVisibleChange={a.setColumns}
                busy={a.page.isFetching}
                toolbar={
                  <p
                    className="mr-auto text-xs text-muted-foreground"
                    aria-live="polite"
                    data-testid="page-status"
                  >
                    {a.position.fromFirst && a.position.index >= 0 ? `Page ${a.position.index + 1} · ` : ''}
                    {pageLabel}
                  </p>
                }
              />
              {a.page.error ? (
                <ErrorState
                  error={a.page.error}
                  onRetry={() => void a.page.refetch()}
                  title="Could not load this page"
                />
              ) : null}
              <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2">
                <Select
                  label="Rows per page"
                  value={a.size}
                  onChange={(e) => a.setSize(Number(e.target.value))}
                >
                  {PAGE_SIZES.filter((s) => s <= (a.meta?.limits.max_page_size ?? 1000)).map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </Select>
                <div className="flex items-center gap-1.5">
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={a.goFirst}
                    disabled={!a.cursor}
                    aria-label="First page"
                  >
                    <ChevronsLeft aria-hidden="true" />
                  </Button>
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={a.goPrevious}
                    disabled={!a.position.hasPrevious}
                  >
                    <ChevronLeft aria-hidden="true" />
                    Previous
                  </Button>
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={a.goNext}
                    disabled={!a.hasNext}
                    data-testid="next-page"
                  >
                    Next
                    <ChevronRight aria-hidden="true" />
                  </Button>
                </div>
              </nav>
            </div>
          )}
        </CardContent>
      </Card>
    </Page>
  )
}
