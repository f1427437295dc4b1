/**
 * Evaluates a parsed template against data, as a tree walker with no code
 * generation: the template reaches only the data it was given, the sandboxed
 * methods of strings, lists and dicts, and the filters and tests. Every step
 * is charged to the budget.
 */
import type { Args, Expr, FilterCall, MacroParam, Stmt, Target } from './ast.js';
import { Budget, MAX_RANGE, Output, type TemplateLimits } from './budget.js';
import { TemplateError, TemplateLimitError } from './errors.js';
import { printf } from './format.js';
import { methodOf } from './methods.js';
import type { FilterFn, Runtime, TestFn } from './runtime.js';
import {
  AttrObject,
  Callable,
  chars,
  dictKey,
  fromJson,
  getOwn,
  GROUP_TUPLE,
  isDict,
  isNumber,
  iterate,
  Namespace,
  newDict,
  pyCompare,
  pyContains,
  pyEquals,
  pyRepr,
  pyStr,
  PyFloat,
  setOwn,
  Special,
  toInt,
  truthy,
  typeName,
  Undefined,
  type Dict,
  type Kwargs,
  type Value,
} from './values.js';

class Scope {
  readonly vars = new Map<string, Value>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): Value | undefined {
    if (this.vars.has(name)) return this.vars.get(name);
    let scope = this.parent;
    while (scope && !scope.vars.has(name)) scope = scope.parent;
    return scope?.vars.get(name);
  }
}

/** Errors raised inside a node get that node's line. */
function atLine<T>(line: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TemplateError && error.line === undefined) {
      const located = error instanceof TemplateLimitError ? new TemplateLimitError(error.message, line) : new TemplateError(error.message, line);
      throw located;
    }
    throw error;
  }
}

export class Interpreter implements Runtime {
  readonly budget: Budget;
  private depth = 0;

  constructor(
    limits: TemplateLimits,
    private readonly filters: ReadonlyMap<string, FilterFn>,
    private readonly tests: ReadonlyMap<string, TestFn>,
  ) {
    this.budget = new Budget(limits);
  }

  render(body: Stmt[], data: Dict): string {
    const globals = new Scope();
    for (const [name, fn] of Object.entries(this.globals())) globals.vars.set(name, fn);
    const root = new Scope(globals);
    for (const key of Object.keys(data)) root.vars.set(key, fromJson(data[key]));
    const out = new Output(this.budget);
    this.exec(body, new Scope(root), out);
    return out.toString();
  }

  // --- Runtime ----------------------------------------------------------------

  str(value: Value): string {
    return pyStr(value, this.budget.limits.maxOutputChars);
  }

  repr(value: Value): string {
    return pyRepr(value, this.budget.limits.maxOutputChars);
  }

  getAttr(object: Value, name: string): Value {
    if (object instanceof Undefined) object.fail();
    if (object instanceof Namespace) return object.vars.get(name) ?? new Undefined(`'Namespace' object has no attribute '${name}'`);
    if (object instanceof AttrObject) return object.attr(name) ?? new Undefined(`'${object.typeName}' object has no attribute '${name}'`);
    if (Array.isArray(object) && GROUP_TUPLE in object && (name === 'grouper' || name === 'list')) return object[name === 'grouper' ? 0 : 1]!;
    const method = methodOf(this, object, name);
    if (method) return method;
    if (isDict(object)) {
      const value = getOwn(object, name);
      if (value !== undefined) return value;
    }
    return new Undefined(`'${typeName(object)} object' has no attribute '${name}'`);
  }

  getItem(object: Value, key: Value): Value {
    if (object instanceof Undefined) object.fail();
    if (Array.isArray(object) || typeof object === 'string') {
      if (typeof key === 'number' || typeof key === 'boolean') {
        const items = typeof object === 'string' ? chars(object) : object;
        const n = toInt(key, 'index');
        const value = items[n < 0 ? items.length + n : n];
        if (value !== undefined) return value;
        return new Undefined(`${typeName(object)} index out of range`);
      }
    } else if (isDict(object)) {
      if (!(key instanceof Special) && !Array.isArray(key) && !isDict(key)) {
        const value = getOwn(object, dictKey(key));
        if (value !== undefined) return value;
      }
    }
    if (typeof key === 'string') return this.getAttr(object, key);
    return new Undefined(`'${typeName(object)} object' has no item ${this.repr(key)}`);
  }

  call(callee: Value, args: Value[], kwargs: Kwargs): Value {
    if (callee instanceof Undefined) callee.fail();
    if (callee instanceof Callable) return callee.invoke(args, kwargs);
    if (callee instanceof AttrObject && callee.invoke) return callee.invoke(args, kwargs);
    throw new TemplateError(`'${typeName(callee)}' object is not callable`);
  }

  applyFilter(name: string, value: Value, args: Value[], kwargs: Kwargs): Value {
    const filter = this.filters.get(name);
    // Reached only where Jinja defers the check to run time (names.ts).
    if (!filter) throw new TemplateError(`No filter named '${name}' found.`);
    return filter(this, value, args, kwargs);
  }

  applyTest(name: string, value: Value, args: Value[]): boolean {
    const test = this.tests.get(name);
    if (!test) throw new TemplateError(`No test named '${name}' found.`);
    return test(this, value, args);
  }

  // --- globals ----------------------------------------------------------------

  private globals(): Record<string, Value> {
    return {
      range: new Callable('range', (args) => this.range(args)),
      dict: new Callable('dict', (args, kwargs) => {
        const dict = newDict();
        if (args[0] !== undefined) {
          if (!isDict(args[0])) throw new TemplateError('dict() takes a dict');
          for (const key of Object.keys(args[0])) setOwn(dict, key, args[0][key]!);
        }
        for (const [key, value] of kwargs) setOwn(dict, key, value);
        return dict;
      }),
      namespace: new Callable('namespace', (args, kwargs) => {
        const ns = new Namespace();
        if (args[0] !== undefined) {
          if (!isDict(args[0])) throw new TemplateError('namespace() takes a dict');
          for (const key of Object.keys(args[0])) ns.vars.set(key, args[0][key]!);
        }
        for (const [key, value] of kwargs) ns.vars.set(key, value);
        return ns;
      }),
    };
  }

  private range(args: Value[]): Value {
    const ints = args.map((a) => toInt(a, 'range() argument'));
    if (ints.length === 0 || ints.length > 3) throw new TemplateError(`range expected 1 to 3 arguments, got ${ints.length}`);
    const [start, stop] = ints.length === 1 ? [0, ints[0]!] : [ints[0]!, ints[1]!];
    const step = ints[2] ?? 1;
    if (step === 0) throw new TemplateError('range() arg 3 must not be zero');
    const count = Math.max(0, Math.ceil((stop - start) / step));
    if (count > MAX_RANGE) {
      throw new TemplateLimitError(`Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`);
    }
    this.budget.items(count);
    return Array.from({ length: count }, (_, i) => start + i * step);
  }

  // --- statements -------------------------------------------------------------

  private exec(body: Stmt[], scope: Scope, out: Output): void {
    for (const stmt of body) {
      this.budget.tick();
      atLine(stmt.line, () => this.execOne(stmt, scope, out));
    }
  }

  private execOne(stmt: Stmt, scope: Scope, out: Output): void {
    switch (stmt.kind) {
      case 'text':
        return out.push(stmt.text);
      case 'output':
        return out.push(this.str(this.eval(stmt.expr, scope)));
      case 'if': {
        for (const branch of stmt.branches) {
          if (truthy(this.eval(branch.test, scope))) return this.exec(branch.body, scope, out);
        }
        return this.exec(stmt.otherwise, scope, out);
      }
      case 'for':
        return this.forLoop(stmt, this.eval(stmt.iter, scope), scope, out, 0);
      case 'set':
        return this.assign(stmt.target, this.eval(stmt.value, scope), scope);
      case 'setblock': {
        const captured = this.capture(stmt.body, new Scope(scope));
        return this.assign(stmt.target, this.applyFilters(stmt.filters, captured, scope), scope);
      }
      case 'macro':
        scope.vars.set(stmt.name, this.macro(stmt.name, stmt.params, stmt.body, scope));
        return;
      case 'filterblock': {
        const captured = this.capture(stmt.body, scope);
        return out.push(this.str(this.applyFilters(stmt.filters, captured, scope)));
      }
      case 'with': {
        const inner = new Scope(scope);
        for (const [target, expr] of stmt.assignments) this.assign(target, this.eval(expr, inner), inner);
        return this.exec(stmt.body, inner, out);
      }
    }
  }

  private capture(body: Stmt[], scope: Scope): string {
    const out = new Output(this.budget);
    this.exec(body, scope, out);
    return out.toString();
  }

  private applyFilters(filters: FilterCall[], value: Value, scope: Scope): Value {
    let result = value;
    for (const filter of filters) {
      const [args, kwargs] = this.evalArgs(filter.args, scope);
      result = atLine(filter.line, () => this.applyFilter(filter.name, result, args, kwargs));
    }
    return result;
  }

  private assign(target: Target, value: Value, scope: Scope): void {
    if (target.kind === 'name') {
      scope.vars.set(target.name, value);
      return;
    }
    if (target.kind === 'attr') {
      const ns = scope.lookup(target.namespace);
      if (!(ns instanceof Namespace)) throw new TemplateError('cannot assign attribute on non-namespace object');
      ns.vars.set(target.attr, value);
      return;
    }
    const items = iterate(value);
    if (items.length !== target.items.length) {
      throw new TemplateError(
        items.length < target.items.length
          ? `not enough values to unpack (expected ${target.items.length}, got ${items.length})`
          : `too many values to unpack (expected ${target.items.length})`,
      );
    }
    target.items.forEach((t, i) => this.assign(t, items[i]!, scope));
  }

  private forLoop(stmt: Extract<Stmt, { kind: 'for' }>, iterable: Value, scope: Scope, out: Output, depth: number): void {
    let items = iterate(iterable);
    if (stmt.filter) {
      const filter = stmt.filter;
      items = items.filter((item) => {
        const probe = new Scope(scope);
        this.assign(stmt.target, item, probe);
        return truthy(this.eval(filter, probe));
      });
    }
    if (items.length === 0) return this.exec(stmt.otherwise, scope, out);
    const length = items.length;
    let index = 0;
    let changedLast: Value | undefined;
    const recurse = stmt.recursive
      ? (args: Value[]) => {
          if (this.depth >= this.budget.limits.maxCallDepth) throw new TemplateLimitError(`recursion deeper than ${this.budget.limits.maxCallDepth} levels`);
          this.depth++;
          try {
            const inner = new Output(this.budget);
            this.forLoop(stmt, args[0] ?? null, scope, inner, depth + 1);
            return inner.toString();
          } finally {
            this.depth--;
          }
        }
      : undefined;
    const loop = new AttrObject(
      'LoopContext',
      (name) => {
        switch (name) {
          case 'index':
            return index + 1;
          case 'index0':
            return index;
          case 'revindex':
            return length - index;
          case 'revindex0':
            return length - index - 1;
          case 'first':
            return index === 0;
          case 'last':
            return index === length - 1;
          case 'length':
            return length;
          case 'depth':
            return depth + 1;
          case 'depth0':
            return depth;
          case 'previtem':
            return index > 0 ? items[index - 1]! : new Undefined('there is no previous item');
          case 'nextitem':
            return index < length - 1 ? items[index + 1]! : new Undefined('there is no next item');
          case 'cycle':
            return new Callable('cycle', (args) => {
              if (args.length === 0) throw new TemplateError('no items for cycling given');
              return args[index % args.length]!;
            });
          case 'changed':
            return new Callable('changed', (args) => {
              const changed = changedLast === undefined || !pyEquals(changedLast, args);
              changedLast = args;
              return changed;
            });
          default:
            return undefined;
        }
      },
      recurse,
    );
    for (index = 0; index < length; index++) {
      this.budget.tick();
      const inner = new Scope(scope);
      inner.vars.set('loop', loop);
      this.assign(stmt.target, items[index]!, inner);
      this.exec(stmt.body, inner, out);
    }
  }

  private macro(name: string, params: MacroParam[], body: Stmt[], defined: Scope): Callable {
    return new Callable(name, (args, kwargs) => {
      if (this.depth >= this.budget.limits.maxCallDepth) {
        throw new TemplateLimitError(`macro calls nest deeper than ${this.budget.limits.maxCallDepth} levels (endless recursion?)`);
      }
      this.depth++;
      try {
        const scope = new Scope(defined);
        const rest = new Map(kwargs);
        params.forEach((param, i) => {
          let value: Value;
          if (i < args.length) value = args[i]!;
          else if (rest.has(param.name)) value = rest.get(param.name)!;
          else if (param.default) value = this.eval(param.default, scope);
          else value = new Undefined(`parameter '${param.name}' was not provided`);
          rest.delete(param.name);
          scope.vars.set(param.name, value);
        });
        scope.vars.set('varargs', args.slice(params.length));
        const extra = newDict();
        for (const [key, value] of rest) setOwn(extra, key, value);
        scope.vars.set('kwargs', extra);
        return this.capture(body, scope);
      } finally {
        this.depth--;
      }
    });
  }

  // --- expressions ------------------------------------------------------------

  private evalArgs(args: Args, scope: Scope): [Value[], Kwargs] {
    return [args.positional.map((a) => this.eval(a, scope)), new Map(args.keywords.map(([k, v]) => [k, this.eval(v, scope)]))];
  }

  eval(expr: Expr, scope: Scope): Value {
    this.budget.tick();
    switch (expr.kind) {
      case 'const':
        return expr.value;
      case 'name': {
        const value = scope.lookup(expr.name);
        return value === undefined ? new Undefined(`'${expr.name}' is undefined`) : value;
      }
      case 'list':
      case 'tuple': {
        this.budget.items(expr.items.length);
        return expr.items.map((item) => this.eval(item, scope));
      }
      case 'dict': {
        const dict = newDict();
        for (const [k, v] of expr.pairs) setOwn(dict, dictKey(this.eval(k, scope)), this.eval(v, scope));
        return dict;
      }
      case 'getattr':
        return atLine(expr.line, () => this.getAttr(this.eval(expr.object, scope), expr.name));
      case 'getitem': {
        const object = this.eval(expr.object, scope);
        if (expr.key.kind === 'slice') return atLine(expr.line, () => this.slice(object, expr.key as Extract<Expr, { kind: 'slice' }>, scope));
        const key = this.eval(expr.key, scope);
        return atLine(expr.line, () => this.getItem(object, key));
      }
      case 'slice':
        throw new TemplateError('a slice is only allowed inside [ ]', expr.line);
      case 'call': {
        const callee = this.eval(expr.callee, scope);
        const [args, kwargs] = this.evalArgs(expr.args, scope);
        return atLine(expr.line, () => this.call(callee, args, kwargs));
      }
      case 'filter': {
        const value = this.eval(expr.operand, scope);
        const [args, kwargs] = this.evalArgs(expr.args, scope);
        return atLine(expr.line, () => this.applyFilter(expr.name, value, args, kwargs));
      }
      case 'test': {
        const value = this.eval(expr.operand, scope);
        const [args] = this.evalArgs(expr.args, scope);
        return atLine(expr.line, () => this.applyTest(expr.name, value, args) !== expr.negated);
      }
      case 'unary': {
        const value = this.eval(expr.operand, scope);
        if (expr.op === 'not') return !truthy(value);
        return atLine(expr.line, () => {
          if (value instanceof Undefined) value.fail();
          if (!isNumber(value)) throw new TemplateError(`bad operand type for unary ${expr.op}: '${typeName(value)}'`);
          const n = expr.op === '-' ? -Number(value) : Number(value);
          return value instanceof PyFloat ? new PyFloat(n) : n;
        });
      }
      case 'binary': {
        if (expr.op === 'and') {
          const left = this.eval(expr.left, scope);
          return truthy(left) ? this.eval(expr.right, scope) : left;
        }
        if (expr.op === 'or') {
          const left = this.eval(expr.left, scope);
          return truthy(left) ? left : this.eval(expr.right, scope);
        }
        const left = this.eval(expr.left, scope);
        const right = this.eval(expr.right, scope);
        return atLine(expr.line, () => this.arithmetic(expr.op, left, right));
      }
      case 'concat': {
        const parts = expr.items.map((item) => this.str(this.eval(item, scope)));
        this.budget.string(parts.reduce((n, p) => n + p.length, 0));
        return parts.join('');
      }
      case 'compare': {
        let left = this.eval(expr.first, scope);
        for (const [op, rightExpr] of expr.ops) {
          const right = this.eval(rightExpr, scope);
          if (!atLine(expr.line, () => this.compare(op, left, right))) return false;
          left = right;
        }
        return true;
      }
      case 'cond':
        if (truthy(this.eval(expr.test, scope))) return this.eval(expr.then, scope);
        return expr.otherwise ? this.eval(expr.otherwise, scope) : new Undefined('the inline if expression evaluated to false and no else section was defined');
    }
  }

  private slice(object: Value, slice: Extract<Expr, { kind: 'slice' }>, scope: Scope): Value {
    if (object instanceof Undefined) object.fail();
    if (typeof object !== 'string' && !Array.isArray(object)) throw new TemplateError(`'${typeName(object)}' object is not subscriptable`);
    const items = typeof object === 'string' ? chars(object) : object;
    const n = items.length;
    const part = (e: Expr | undefined) => {
      if (!e) return undefined;
      const v = this.eval(e, scope);
      return v === null ? undefined : toInt(v, 'slice index');
    };
    const step = part(slice.step) ?? 1;
    if (step === 0) throw new TemplateError('slice step cannot be zero');
    const clamp = (v: number | undefined, dflt: number, low: number, high: number) => (v === undefined ? dflt : v < 0 ? Math.max(low, n + v) : Math.min(high, v));
    const start = step > 0 ? clamp(part(slice.start), 0, 0, n) : clamp(part(slice.start), n - 1, -1, n - 1);
    const stop = step > 0 ? clamp(part(slice.stop), n, 0, n) : clamp(part(slice.stop), -1, -1, n - 1);
    const out: Value[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(items[i]!);
    this.budget.items(out.length);
    return typeof object === 'string' ? (out as string[]).join('') : out;
  }

  private arithmetic(op: string, left: Value, right: Value): Value {
    if (left instanceof Undefined) left.fail();
    if (right instanceof Undefined) right.fail();
    if (op === '%' && typeof left === 'string') return printf(this, left, right);
    if (isNumber(left) && isNumber(right)) return numericOperation(op, left, right);
    if (op === '+' && typeof left === 'string' && typeof right === 'string') {
      this.budget.string(left.length + right.length);
      return left + right;
    }
    if (op === '+' && Array.isArray(left) && Array.isArray(right)) {
      this.budget.items(left.length + right.length);
      return [...left, ...right];
    }
    if (op === '*') {
      const [seq, times] = isNumber(right) ? [left, right] : [right, left];
      if ((typeof seq === 'string' || Array.isArray(seq)) && isNumber(times)) {
        const n = Math.max(0, toInt(times, 'repeat count'));
        if (typeof seq === 'string') {
          this.budget.string(seq.length * n);
          return seq.repeat(n);
        }
        this.budget.items(seq.length * n);
        return Array.from({ length: n }, () => seq).flat();
      }
    }
    throw new TemplateError(`unsupported operand type(s) for ${op}: '${typeName(left)}' and '${typeName(right)}'`);
  }

  private compare(op: string, left: Value, right: Value): boolean {
    switch (op) {
      case '==':
        return pyEquals(left, right);
      case '!=':
        return !pyEquals(left, right);
      case 'in':
        return pyContains(right, left);
      case 'notin':
        return !pyContains(right, left);
    }
    if (left instanceof Undefined) left.fail();
    if (right instanceof Undefined) right.fail();
    const order = pyCompare(left, right);
    return op === '<' ? order < 0 : op === '>' ? order > 0 : op === '<=' ? order <= 0 : order >= 0;
  }
}

/**
 * Python arithmetic on ints and floats: an int result stays an int (`//`,
 * `%`, `**` with a non-negative exponent), `/` and anything with a float
 * gives a float, as `2.5 * 2` is `5.0`.
 */
function numericOperation(op: string, left: number | boolean | PyFloat, right: number | boolean | PyFloat): Value {
  const a = Number(left);
  const b = Number(right);
  const floats = left instanceof PyFloat || right instanceof PyFloat;
  const result = (n: number, float = floats): Value => (float ? new PyFloat(n) : n);
  switch (op) {
    case '+':
      return result(a + b);
    case '-':
      return result(a - b);
    case '*':
      return result(a * b);
    case '/':
      if (b === 0) throw new TemplateError(floats ? 'float division by zero' : 'division by zero');
      return result(a / b, true);
    case '//':
      if (b === 0) throw new TemplateError(floats ? 'float floor division by zero' : 'integer division or modulo by zero');
      return result(Math.floor(a / b));
    case '%':
      if (b === 0) throw new TemplateError(floats ? 'float modulo' : 'integer division or modulo by zero');
      return result(a - b * Math.floor(a / b));
    case '**': {
      if (a === 0 && b < 0) throw new TemplateError('0.0 cannot be raised to a negative power');
      const power = a ** b;
      if (!Number.isFinite(power)) throw new TemplateError('numerical result out of range');
      return result(power, floats || b < 0);
    }
  }
  throw new TemplateError(`unsupported operand type(s) for ${op}: '${typeName(left)}' and '${typeName(right)}'`);
}
