/**
 * The compile-time check of filter and test names, as Jinja 3's compiler
 * does it after parsing: an unknown name is a TemplateSyntaxError, except in
 * a "soft" place (the tests and direct bodies of an `if`, and all three parts
 * of an inline `x if y else z`), where Jinja only fails if the template
 * reaches it at run time. That lets `{% if 'markdown' is filter %}` guard a
 * filter, and an unknown filter in a branch never taken cost nothing.
 *
 * A `for`, `with`, `macro`, filter block or `set` block opens an inner scope
 * that is not soft again, as Jinja's `Frame.inner()` is not.
 */
import type { Args, Expr, FilterCall, Stmt } from './ast.js';
import { TemplateSyntaxError } from './errors.js';

export interface KnownNames {
  filters: ReadonlySet<string>;
  tests: ReadonlySet<string>;
}

export function checkNames(body: readonly Stmt[], names: KnownNames): void {
  new NameChecker(names).statements(body, false);
}

class NameChecker {
  constructor(private readonly names: KnownNames) {}

  statements(body: readonly Stmt[], soft: boolean): void {
    for (const stmt of body) this.statement(stmt, soft);
  }

  private statement(stmt: Stmt, soft: boolean): void {
    switch (stmt.kind) {
      case 'text':
        return;
      case 'output':
        return this.expr(stmt.expr, soft);
      case 'if':
        for (const branch of stmt.branches) {
          this.expr(branch.test, true);
          this.statements(branch.body, true);
        }
        return this.statements(stmt.otherwise, true);
      case 'for':
        this.expr(stmt.iter, soft);
        if (stmt.filter) this.expr(stmt.filter, false);
        this.statements(stmt.body, false);
        return this.statements(stmt.otherwise, false);
      case 'set':
        return this.expr(stmt.value, soft);
      case 'setblock':
      case 'filterblock':
        this.statements(stmt.body, false);
        return this.filterCalls(stmt.filters, false);
      case 'macro':
        for (const param of stmt.params) if (param.default) this.expr(param.default, false);
        return this.statements(stmt.body, false);
      case 'with':
        for (const [, value] of stmt.assignments) this.expr(value, soft);
        return this.statements(stmt.body, false);
    }
  }

  private filterCalls(filters: readonly FilterCall[], soft: boolean): void {
    for (const filter of filters) {
      this.known('filter', filter.name, filter.line, soft);
      this.args(filter.args, soft);
    }
  }

  private args(args: Args, soft: boolean): void {
    for (const arg of args.positional) this.expr(arg, soft);
    for (const [, arg] of args.keywords) this.expr(arg, soft);
  }

  private known(kind: 'filter' | 'test', name: string, line: number, soft: boolean): void {
    if (soft) return;
    const known = kind === 'filter' ? this.names.filters : this.names.tests;
    if (!known.has(name)) throw new TemplateSyntaxError(`No ${kind} named '${name}'.`, line);
  }

  private expr(expr: Expr, soft: boolean): void {
    switch (expr.kind) {
      case 'const':
      case 'name':
        return;
      case 'list':
      case 'tuple':
      case 'concat':
        for (const item of expr.items) this.expr(item, soft);
        return;
      case 'dict':
        for (const [key, value] of expr.pairs) {
          this.expr(key, soft);
          this.expr(value, soft);
        }
        return;
      case 'getattr':
        return this.expr(expr.object, soft);
      case 'getitem':
        this.expr(expr.object, soft);
        return this.expr(expr.key, soft);
      case 'slice':
        for (const part of [expr.start, expr.stop, expr.step]) if (part) this.expr(part, soft);
        return;
      case 'call':
        this.expr(expr.callee, soft);
        return this.args(expr.args, soft);
      case 'filter':
      case 'test':
        this.expr(expr.operand, soft);
        this.known(expr.kind, expr.name, expr.line, soft);
        return this.args(expr.args, soft);
      case 'unary':
        return this.expr(expr.operand, soft);
      case 'binary':
        this.expr(expr.left, soft);
        return this.expr(expr.right, soft);
      case 'compare':
        this.expr(expr.first, soft);
        for (const [, operand] of expr.ops) this.expr(operand, soft);
        return;
      case 'cond':
        this.expr(expr.test, true);
        this.expr(expr.then, true);
        if (expr.otherwise) this.expr(expr.otherwise, true);
        return;
    }
  }
}
