/** Jinja's built-in tests (`x is defined`, `n is divisibleby 3`, …). */
import { TemplateError } from './errors.js';
import type { TestFn } from './runtime.js';
import { Callable, AttrObject, isDict, isNumber, pyCompare, pyContains, pyEquals, PyFloat, Special, toInt, Undefined, type Value } from './values.js';

const other = (args: Value[]): Value => {
  if (args.length === 0) throw new TemplateError('this test needs a value to compare with');
  return args[0]!;
};

/** A JS number is an int; floats are PyFloat (values.ts). */
const isInt = (v: Value) => typeof v === 'number';

export function buildTests(names: () => { filters: ReadonlySet<string>; tests: ReadonlySet<string> }): Map<string, TestFn> {
  const tests: Array<[string[], TestFn]> = [
    [['defined'], (_rt, v) => !(v instanceof Undefined)],
    [['undefined'], (_rt, v) => v instanceof Undefined],
    [['none'], (_rt, v) => v === null],
    [['boolean'], (_rt, v) => typeof v === 'boolean'],
    [['true'], (_rt, v) => v === true],
    [['false'], (_rt, v) => v === false],
    [['integer'], (_rt, v) => isInt(v)],
    [['float'], (_rt, v) => v instanceof PyFloat],
    [['number'], (_rt, v) => isNumber(v)],
    [['string'], (_rt, v) => typeof v === 'string'],
    [['mapping'], (_rt, v) => isDict(v)],
    [['sequence'], (_rt, v) => typeof v === 'string' || Array.isArray(v) || isDict(v)],
    [['iterable'], (_rt, v) => typeof v === 'string' || Array.isArray(v) || isDict(v) || v instanceof Undefined],
    [['callable'], (_rt, v) => v instanceof Callable || (v instanceof AttrObject && v.invoke !== undefined)],
    [['escaped'], () => false],
    [['odd'], (_rt, v) => toInt(v, 'odd test value') % 2 !== 0],
    [['even'], (_rt, v) => toInt(v, 'even test value') % 2 === 0],
    [['divisibleby'], (_rt, v, a) => toInt(v, 'value') % toInt(other(a), 'divisor') === 0],
    [['lower'], (rt, v) => rt.str(v) === rt.str(v).toLowerCase()],
    [['upper'], (rt, v) => rt.str(v) === rt.str(v).toUpperCase()],
    [['eq', 'equalto', '=='], (_rt, v, a) => pyEquals(v, other(a))],
    [['ne', '!='], (_rt, v, a) => !pyEquals(v, other(a))],
    [['lt', 'lessthan', '<'], (_rt, v, a) => pyCompare(v, other(a)) < 0],
    [['le', '<='], (_rt, v, a) => pyCompare(v, other(a)) <= 0],
    [['gt', 'greaterthan', '>'], (_rt, v, a) => pyCompare(v, other(a)) > 0],
    [['ge', '>='], (_rt, v, a) => pyCompare(v, other(a)) >= 0],
    [['in'], (_rt, v, a) => pyContains(other(a), v)],
    [['sameas'], (_rt, v, a) => (v instanceof Special || typeof v === 'object' ? v === other(a) : pyEquals(v, other(a)) && typeof v === typeof other(a))],
    [['filter'], (_rt, v) => typeof v === 'string' && names().filters.has(v)],
    [['test'], (_rt, v) => typeof v === 'string' && names().tests.has(v)],
  ];
  const map = new Map<string, TestFn>();
  for (const [aliases, fn] of tests) for (const name of aliases) map.set(name, fn);
  return map;
}

