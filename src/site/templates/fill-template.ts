/**
 * Fills `{name}` placeholders in a template an editor typed (the image disclaimer).
 * A replacer function, not a replacement string: in a string `$&`, `$'` and `` $` ``
 * are patterns, and an agency credit may well contain a dollar sign. One pass, so a
 * value that itself contains `{name}` stays as typed. The result is plain text: the
 * page template escapes it.
 *
 * @example
 *   fillTemplate('Disclaimer: This image is taken from {credit}.', { credit: "$'Cash" })
 *   // "Disclaimer: This image is taken from $'Cash."
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z][a-zA-Z]*)\}/g, (placeholder, name: string) => (Object.hasOwn(values, name) ? values[name]! : placeholder));
}
