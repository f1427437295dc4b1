/**
 * html_to_markdown: the HTML of `raw_html`, or of the page a `url` points to,
 * as Markdown (legacy `text` result, one value). MISP's event report
 * "import from URL" sends `url` and reads `results[0].values[0]`.
 *
 * The page is fetched through the URL guard (no loopback, private,
 * link-local or metadata addresses, on every redirect; an admin can allow
 * ranges with --allow-url-range). Deliberate changes from upstream: an HTTP
 * error page is an error, not converted to Markdown, and a request with
 * neither field gets an error instead of `false`; a page of more than
 * MAX_HTML_ELEMENTS elements is refused (a resource budget).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { HttpStatusError } from '../../net/index.js';
import { CountBudget, countXmlElements } from '../_shared/budget.js';
import { decodeHtml } from './_html/charset.js';
import type { HtmlTaskInput } from './_html/task.js';

const TASK = new URL('./_html/task.js', import.meta.url);
/** Largest page converted. */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/**
 * Elements converted from one page: the DOM costs about 1.2 KB of heap an
 * element (200,000 took 250 MB and 5.5 s), so a 16 MiB page of bare tags
 * would fill a worker's heap.
 */
export const MAX_HTML_ELEMENTS = 250_000;
/** Upstream's requests timeout. */
const FETCH_TIMEOUT_MS = 10_000;

const MESSAGES = defineMessages({
  missing: 'The request has neither a "raw_html" nor a "url" field.',
});

export default defineModule({
  name: 'html_to_markdown',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: 'Sami Mokaddem',
    description: 'Expansion module to fetch the html content from an url and convert it into markdown.',
    name: 'HTML to Markdown',
    logo: '',
    requirements: ['None: the conversion runs in the server (turndown).'],
    features:
      'The module take an URL as input and the HTML content is fetched from it. This content is then converted into markdown that is returned as text. HTML can also be given directly in a "raw_html" field. Only public addresses are fetched.',
    references: [],
    input: 'URL attribute.',
    output: 'Markdown content converted from the HTML fetched from the url.',
  },
  attributes: { input: ['url'], output: ['text'] },
  // raw_html is read too, and the missing-input error is the module's own.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const rawHtml = query['raw_html'];
    const url = query['url'];
    let html: string;
    if (typeof rawHtml === 'string' && rawHtml !== '') html = rawHtml;
    else if (typeof url === 'string' && url !== '') {
      const response = await ctx.http.request(url, { userUrl: true, maxBytes: MAX_PAGE_BYTES, timeoutMs: FETCH_TIMEOUT_MS, retries: 0 });
      if (response.status < 200 || response.status > 299) {
        throw new HttpStatusError(new URL(response.url).host, response.status, response);
      }
      html = decodeHtml(response.body, response.headers['content-type']);
    } else throw MESSAGES.error('missing');
    new CountBudget(MAX_HTML_ELEMENTS, 'HTML elements', 'one page').take(countXmlElements(html), 'The page');
    const markdown = await ctx.workers.run<HtmlTaskInput, string>(TASK, { html });
    return { ...legacyResults([{ types: ['text'], values: [markdown] }]) };
  },
});
