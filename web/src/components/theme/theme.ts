export type Theme = 'light' | 'dark'

const STORAGE_KEY = 'sentinel-theme'

export function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'light' || value === 'dark' ? value : null
  } catch {
    return null
  }
}

export function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light'
}

export function applyTheme(theme: Theme, persist: boolean): void {
  document.documentElement.classList.toggle('dark', theme === 'dark')
  if (!persist) return
  try {
    localStorage.setItem(STORAGE_KEY, theme)
  } catch {
    // private mode: the choice lasts for this page only
  }
}
