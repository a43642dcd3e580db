/** How a dimension value reads on screen: gold writes a missing value as '' (the API labels it "(none)"). */
export function valueLabel(value: string): string {
  return value === '' ? '(none)' : value
}

export function splitTag(tag: string): { key: string; value: string } {
  const at = tag.indexOf('=')
  return { key: tag.slice(0, at), value: tag.slice(at + 1) }
}
