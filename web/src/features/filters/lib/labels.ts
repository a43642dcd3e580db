/** How a dimension value reads on screen: gold writes a missing value as '' (the API labels it "(none)"). */
export function valueLabel(value: string): string {
  return value === '' ? '(none)' : value
}

/** A value's hover text: its label, and the id behind it where the label is a name (an account's). */
export function labelTitle(label: string, key: string | null | undefined): string {
  return key && key.trim() !== label ? `${label} · ${key}` : label
}

export function splitTag(tag: string): { key: string; value: string } {
  const at = tag.indexOf('=')
  return { key: tag.slice(0, at), value: tag.slice(at + 1) }
}
