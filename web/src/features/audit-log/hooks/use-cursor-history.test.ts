import { afterEach, describe, expect, it } from 'vitest'
import { cursorPosition, forgetTrails, rememberNext } from './use-cursor-history'

describe('cursor trail', () => {
  afterEach(forgetTrails)

  it('remembers the pages visited so Previous and page numbers work', () => {
    expect(cursorPosition('k', undefined)).toMatchObject({ index: 0, fromFirst: true, hasPrevious: false })
    rememberNext('k', undefined, 'c2')
    rememberNext('k', 'c2', 'c3')
    expect(cursorPosition('k', 'c3')).toMatchObject({
      index: 2,
      fromFirst: true,
      hasPrevious: true,
      previous: 'c2',
    })
    expect(cursorPosition('k', 'c2')).toMatchObject({ index: 1, previous: undefined, hasPrevious: true })
  })

  it('keeps separate trails per filters and sort', () => {
    rememberNext('a', undefined, 'c2')
    expect(cursorPosition('b', 'c2').index).toBe(-1)
  })

  it('does not invent a page number for a shared link that starts mid-way', () => {
    rememberNext('k', 'shared', 'next')
    expect(cursorPosition('k', 'next')).toMatchObject({
      index: 1,
      fromFirst: false,
      hasPrevious: true,
      previous: 'shared',
    })
    expect(cursorPosition('k', 'shared')).toMatchObject({ index: 0, fromFirst: false, hasPrevious: false })
  })
})
