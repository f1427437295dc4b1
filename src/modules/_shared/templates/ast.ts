/**
 * The syntax tree of a Jinja template: statements (text, output, if, for,
 * set, macro, filter and with blocks) and expressions. Every node carries
 * its source line for error messages.
 */
import type { PyFloat } from './values.js';

export type Expr =
  | { kind: 'const'; line: number; value: null | boolean | number | PyFloat | string }
  | { kind: 'name'; line: number; name: string }
  | { kind: 'list'; line: number; items: Expr[] }
  | { kind: 'tuple'; line: number; items: Expr[] }
  | { kind: 'dict'; line: number; pairs: Array<[Expr, Expr]> }
  | { kind: 'getattr'; line: number; object: Expr; name: string }
  | { kind: 'getitem'; line: number; object: Expr; key: Expr }
  | { kind: 'slice'; line: number; start?: Expr; stop?: Expr; step?: Expr }
  | { kind: 'call'; line: number; callee: Expr; args: Args }
  | { kind: 'filter'; line: number; operand: Expr; name: string; args: Args }
  | { kind: 'test'; line: number; operand: Expr; name: string; args: Args; negated: boolean }
  | { kind: 'unary'; line: number; op: '-' | '+' | 'not'; operand: Expr }
  | { kind: 'binary'; line: number; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'concat'; line: number; items: Expr[] }
  | { kind: 'compare'; line: number; first: Expr; ops: Array<[CompareOp, Expr]> }
  | { kind: 'cond'; line: number; test: Expr; then: Expr; otherwise?: Expr };

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | 'and' | 'or';
export type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'in' | 'notin';

export interface Args {
  positional: Expr[];
  keywords: Array<[string, Expr]>;
}

/** Where `set` and `for` assign: a name, a namespace attribute, or a tuple of names. */
export type Target =
  | { kind: 'name'; name: string }
  | { kind: 'attr'; namespace: string; attr: string }
  | { kind: 'tuple'; items: Target[] };

export interface MacroParam {
  name: string;
  default?: Expr;
}

export type Stmt =
  | { kind: 'text'; line: number; text: string }
  | { kind: 'output'; line: number; expr: Expr }
  | { kind: 'if'; line: number; branches: Array<{ test: Expr; body: Stmt[] }>; otherwise: Stmt[] }
  | { kind: 'for'; line: number; target: Target; iter: Expr; filter?: Expr; body: Stmt[]; otherwise: Stmt[]; recursive: boolean }
  | { kind: 'set'; line: number; target: Target; value: Expr }
  | { kind: 'setblock'; line: number; target: Target; filters: FilterCall[]; body: Stmt[] }
  | { kind: 'macro'; line: number; name: string; params: MacroParam[]; body: Stmt[] }
  | { kind: 'filterblock'; line: number; filters: FilterCall[]; body: Stmt[] }
  | { kind: 'with'; line: number; assignments: Array<[Target, Expr]>; body: Stmt[] };

export interface FilterCall {
  name: string;
  args: Args;
  line: number;
}
