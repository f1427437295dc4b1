/** Python's str() of a float (PyMISP writes values with it): 1.0 stays "1.0". */
export function pythonFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return value.toFixed(1);
  return String(value);
}
