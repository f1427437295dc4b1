/** Upstream's filter_decoded: the OCR text's lines, stripped of blanks, empty ones dropped. */
export function textLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^[\t\v\f\r ]+|[\t\v\f\r ]+$/g, ''))
    .filter((line) => line !== '');
}
