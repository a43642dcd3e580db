import { useIsFetching } from '@tanstack/react-query'

/** A thin bar under the header while any query is in flight (cheap to paint, unlike dimming whole cards). */
export function FetchingBar() {
  const fetching = useIsFetching() > 0
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none absolute inset-x-0 -bottom-px h-0.5 overflow-hidden"
    >
      {fetching ? (
        <div className="h-full w-1/3 animate-[fetching_1s_ease-in-out_infinite] bg-primary" />
      ) : null}
    </div>
  )
}
