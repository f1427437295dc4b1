/**
 * The few DOM members the Markdown rules read. Turndown hands its rules
 * nodes of its own parser (domino); the project does not load the DOM type
 * library, so they are described here.
 */
export interface DomElement {
  readonly nodeName: string;
  readonly parentNode: DomElement | null;
  readonly previousElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

/** Turndown's node type, seen through DomElement. */
export function dom(node: unknown): DomElement {
  return node as DomElement;
}

export function isNamed(node: DomElement | null | undefined, name: string): boolean {
  return node?.nodeName === name;
}
