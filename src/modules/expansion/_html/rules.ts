/**
 * Turndown rules that make its Markdown look like markdownify's (what
 * upstream uses): links and images stripped (a link keeps its text),
 * "*", "+", "-" bullets by nesting depth, numbered lists from `start`, and
 * pipe tables with markdownify's header rules.
 */
import type TurndownService from 'turndown';
import { dom, isNamed, type DomElement } from './dom.js';

const BULLETS = '*+-';

function listItem(content: string, node: DomElement): string {
  let text = content.trim();
  if (text === '') return '\n';
  const parent = node.parentNode;
  let bullet: string;
  if (isNamed(parent, 'OL')) {
    const start = parent?.getAttribute('start') ?? '';
    let index = 0;
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) if (isNamed(sibling, 'LI')) index += 1;
    bullet = `${(/^\d+$/.test(start) ? Number(start) : 1) + index}.`;
  } else {
    let depth = -1;
    for (let el: DomElement | null = node; el; el = el.parentNode) if (isNamed(el, 'UL')) depth += 1;
    bullet = BULLETS[Math.max(0, depth) % BULLETS.length] ?? '*';
  }
  bullet += ' ';
  const indent = ' '.repeat(bullet.length);
  text = text.replace(/^(.*)$/gm, (_line, line: string) => (line ? indent + line : ''));
  return `${bullet}${text.slice(bullet.length)}\n`;
}

function colspan(node: DomElement): number {
  const value = node.getAttribute('colspan') ?? '';
  return /^\d+$/.test(value) ? Number(value) : 1;
}

function cell(content: string, node: DomElement): string {
  return ` ${content.trim().replace(/\n/g, ' ')}${' |'.repeat(colspan(node))}`;
}

function row(content: string, node: DomElement): string {
  const cells = Array.from(node.querySelectorAll('td, th'));
  const parent = node.parentNode;
  const isFirstRow = node.previousElementSibling === null;
  const isHeadRow =
    cells.every((c) => isNamed(c, 'TH')) || (isNamed(parent, 'THEAD') && (parent?.querySelectorAll('tr').length ?? 0) === 1);
  const isHeadRowMissing =
    (isFirstRow && !isNamed(parent, 'TBODY')) ||
    (isFirstRow && isNamed(parent, 'TBODY') && (parent?.parentNode?.querySelectorAll('thead').length ?? 0) < 1);
  const width = cells.reduce((sum, c) => sum + colspan(c), 0);
  const line = (fill: string): string => `| ${Array.from({ length: width }, () => fill).join(' | ')} |\n`;
  let overline = '';
  let underline = '';
  if (isHeadRow && isFirstRow) underline = line('---');
  else if (isHeadRowMissing || (isFirstRow && (isNamed(parent, 'TABLE') || (isNamed(parent, 'TBODY') && !parent?.previousElementSibling)))) {
    overline = line('') + line('---');
  }
  return `${overline}|${content}\n${underline}`;
}

export function markdownifyRules(service: TurndownService): void {
  service.addRule('stripLinks', { filter: 'a', replacement: (content) => content });
  service.addRule('stripImages', { filter: 'img', replacement: () => '' });
  service.addRule('listItem', { filter: 'li', replacement: (content, node) => listItem(content, dom(node)) });
  service.addRule('tableCell', { filter: ['td', 'th'], replacement: (content, node) => cell(content, dom(node)) });
  service.addRule('tableRow', { filter: 'tr', replacement: (content, node) => row(content, dom(node)) });
  service.addRule('tableSection', { filter: ['thead', 'tbody', 'tfoot'], replacement: (content) => content });
  service.addRule('table', { filter: 'table', replacement: (content) => `\n\n${content.trim()}\n\n` });
  service.addRule('caption', { filter: 'caption', replacement: (content) => `${content.trim()}\n\n` });
}
