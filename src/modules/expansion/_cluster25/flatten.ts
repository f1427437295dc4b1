/**
 * Upstream's walk over a Cluster25 `investigate` answer (`lookup_indicator`
 * and `format_content`), kept step for step: which keys become which
 * `c25_*` object and which relation, in upstream's order. The walk gives
 * (object, relation, text) triples; the module decides how MISP gets them.
 *
 * Fixed on the way: upstream's `format_content` recurses forever on a list
 * of non-strings and crashes joining non-strings; here list items are
 * formatted and joined with ", ". A list item without `name` that is not an
 * object (upstream: AttributeError) is formatted as it is.
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Python truthiness of a JSON value. */
const truthy = (value: unknown): boolean =>
  !(value === null || value === undefined || value === false || value === 0 || value === '' ||
    (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0));

/** Python's `str()` of a JSON scalar. */
export const pyStr = (value: unknown): string =>
  value === null || value === undefined ? 'None' : typeof value === 'boolean' ? (value ? 'True' : 'False') : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** Upstream's `format_content`: scalars as they are, containers flattened to one line. */
export function formatContent(content: unknown, depth = 0): string {
  if (typeof content === 'string') return content;
  if (typeof content === 'number' || typeof content === 'boolean') return pyStr(content);
  if (content === null || content === undefined || depth > 50) return '';
  if (Array.isArray(content)) return content.map((item) => formatContent(item, depth + 1)).join(', ');
  if (!isObject(content)) return '';
  let ret = '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(content)) {
    if (isObject(value)) ret = formatContent(value, depth + 1);
    else if (Array.isArray(value)) for (const item of value) parts.push(formatContent(item, depth + 1));
    else parts.push(`${key}: ${pyStr(value)}`);
  }
  return parts.length > 0 ? parts.join(' ') : ret;
}

export interface C25Value {
  /** Upstream's object name (`c25_generic_info`, `c25_<entry>`, `c25_<entry>_<key>_<n>`…). */
  object: string;
  relation: string;
  value: string;
}

/** Every value upstream puts in its objects, generic info first, then the other objects in upstream's order. */
export function flattenInvestigation(result: Json): C25Value[] {
  const generic: C25Value[] = [];
  const objects: C25Value[][] = [];
  const push = (list: C25Value[], object: string, relation: string, value: string) => {
    if (value !== '') list.push({ object, relation, value });
  };

  for (const [entry, data] of Object.entries(result)) {
    if (isObject(data)) {
      const main: C25Value[] = [];
      const later: C25Value[][] = [];
      for (const [key, value] of Object.entries(data)) {
        if (isObject(value)) {
          for (const [item, itemValue] of Object.entries(value)) {
            if (truthy(itemValue)) push(main, `c25_${entry}`, `${entry}_${key}_${item}`, formatContent(itemValue));
          }
        } else if (Array.isArray(value)) {
          value.forEach((item, index) => {
            if (isObject(item)) {
              const second: C25Value[] = [];
              const secondName = `c25_${entry}_${key}_${index + 1}`;
              for (const [subKey, subValue] of Object.entries(item)) {
                if (Array.isArray(subValue)) {
                  for (const subItem of subValue) {
                    if (isObject(subItem)) {
                      const third: C25Value[] = [];
                      const thirdName = `c25_${entry}_${subKey}_${index + 1}`;
                      for (const [subSubKey, subSubValue] of Object.entries(subItem)) {
                        if (Array.isArray(subSubValue)) {
                          subSubValue.forEach((named, idx) => {
                            const shown = isObject(named) && truthy(named['name']) ? named['name'] : named;
                            push(third, thirdName, `${subSubKey}_${idx + 1}`, formatContent(shown));
                          });
                        } else push(third, thirdName, subSubKey, formatContent(subSubValue));
                      }
                      later.push(third);
                    } else push(second, secondName, subKey, formatContent(subItem));
                  }
                } else if (truthy(subValue)) push(second, secondName, subKey, formatContent(subValue));
              }
              later.push(second);
            } else if (item !== null && item !== undefined) push(main, `c25_${entry}`, `${entry}_${key}`, formatContent(item));
          });
        } else if (value !== null && value !== undefined) push(main, `c25_${entry}`, key, pyStr(value));
      }
      // Upstream adds the nested objects as it meets them, and the entry's own object after them.
      objects.push(...later, main);
    } else if (Array.isArray(data)) {
      data.forEach((item, index) => {
        if (isObject(item)) {
          const own: C25Value[] = [];
          for (const [field, value] of Object.entries(item)) {
            if (truthy(value)) push(own, `c25_${entry}_${index + 1}`, field, formatContent(value));
          }
          objects.push(own);
        } else if (item !== null && item !== undefined) push(generic, 'c25_generic_info', `${entry}_${index + 1}`, formatContent(item));
      });
    } else if (truthy(data)) push(generic, 'c25_generic_info', entry, pyStr(data));
  }
  return [...generic, ...objects.flat()];
}
