import { Link, Outlet } from '@tanstack/react-router'
import { BarChart3, LayoutDashboard, ScrollText, ShieldCheck } from 'lucide-react'
import { ThemeToggle } from '@/components/theme/theme-toggle'
import { FreshnessIndicator } from '@/features/meta/components/freshness-indicator'
import { FetchingBar } from './fetching-bar'

const NAV = [
  { to: '/', label: 'Overview', icon: LayoutDashboard },
  { to: '/explore', label: 'Explore', icon: BarChart3 },
  { to: '/audit-log', label: 'Audit log', icon: ScrollText },
] as const

export function AppShell() {
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only rounded-md bg-primary px-3 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b bg-background">
        <FetchingBar />
        <div className="mx-auto flex h-14 max-w-[1440px] items-center gap-2 px-3 sm:gap-4 sm:px-6">
          <Link to="/" className="flex items-center gap-2 font-semibold" aria-label="Sentinel home">
            <ShieldCheck aria-hidden="true" className="size-5 text-primary" />
            <span className="hidden sm:inline">Sentinel</span>
          </Link>
          <nav aria-label="Main" className="flex min-w-0 items-center gap-0.5 overflow-x-auto">
            {NAV.map(({ to, label, icon: Icon }) => (
              <Link
                key={to}
                to={to}
                activeOptions={{ exact: to === '/', includeSearch: false }}
                className="flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap text-muted-foreground hover:bg-accent hover:text-accent-foreground data-[status=active]:bg-secondary data-[status=active]:text-foreground"
              >
                <Icon aria-hidden="true" className="size-4" />
                <span className="sr-only sm:not-sr-only">{label}</span>
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-1">
            <div className="hidden md:block">
              <FreshnessIndicator />
            </div>
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto flex max-w-[1440px] flex-col gap-4 px-3 py-4 outline-none sm:px-6"
      >
        <Outlet />
      </main>
    </div>
  )
}
