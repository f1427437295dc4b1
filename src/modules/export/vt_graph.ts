/**
 * vt_graph: builds a VirusTotal graph of each exported event and returns
 * the graphs' links, one a line. The nodes are the event's files (hashes,
 * file names), URLs, domains, hostnames and IP addresses (target users and
 * emails as custom nodes), linked by upstream's rules (_vt_graph/rules.ts);
 * an event holding the link of a graph it was exported to before adds its
 * indicators to that graph. The VirusTotal calls are those of vt_graph_api
 * 2.2.0, the Python library upstream used (_vt_graph/api.ts).
 *
 * Differences from upstream: both of MISP's event shapes are read (upstream
 * only read `Attribute` beside `Event`); the yes/no settings read "0",
 * "false", "no" and "off" as no (upstream took any text as yes); user and
 * group lists are trimmed. An event with nothing to draw (no indicator, no
 * graph link) gets no graph and no line, and when no event has anything the
 * module answers an error rather than saving an empty graph as upstream did.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { requireApiKey, VT_MESSAGES } from './_virustotal/api.js';
import { VtGraphApi } from './_vt_graph/api.js';
import { exportGraph, hasGraphContent, type GraphOptions } from './_vt_graph/build.js';
import { NODE_TYPE_OF } from './_vt_graph/misp-attributes.js';
import { exportEvents } from './_text/events.js';
import { exportFile } from './_text/file.js';
import { EVENTS_MESSAGES } from './_text/messages.js';
import { GRAPH_MESSAGES } from './_vt_graph/messages.js';

const MESSAGES = defineMessages({
  ...VT_MESSAGES.templates,
  ...EVENTS_MESSAGES.templates,
  ...GRAPH_MESSAGES.templates,
  nothingToDraw:
    'No event holds an attribute VirusTotal Graph can show (types ' +
    `${Object.keys(NODE_TYPE_OF).join(', ')}) or the link of a VirusTotal graph: no graph was created.`,
});

const YES = new Set(['1', 'true', 'yes', 'on', 'y']);

function flag(ctx: ModuleContext, name: string): boolean {
  return YES.has((ctx.config[name] ?? '').trim().toLowerCase());
}

function names(ctx: ModuleContext, name: string): string[] {
  return (ctx.config[name] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

const yesNo = (what: string): string => `${what} (1/true/yes or 0/false/no; default no).`;

export default defineModule({
  name: 'vt_graph',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '0.1',
    author: 'VirusTotal',
    description: 'This module is used to create a VirusTotal Graph from a MISP event.',
    name: 'VirusTotal Graph Export',
    logo: 'virustotal.png',
    requirements: ['vt_graph_api, the python library to query the VirusTotal graph API'],
    features:
      'The module takes the MISP event as input and queries the VirusTotal Graph API to create a new graph out of the' +
      ' event.\n\nOnce the graph is ready, we get the url of it, which is returned so we can view it on VirusTotal.',
    references: ['https://www.virustotal.com/gui/graph-overview'],
    input: 'A MISP event.',
    output: 'Link of the VirusTotal Graph created for the event.',
  },
  config: {
    vt_api_key: { description: 'VirusTotal API key.', secret: true },
    fetch_information: { description: yesNo("Fetch VirusTotal's information on each node (detections, country): one API call per node") },
    private: { description: yesNo("Make the graph private (needs VirusTotal's private graphs)") },
    fetch_vt_enterprise: { description: yesNo('Search VirusTotal Intelligence for files known by name only (needs VirusTotal Enterprise)') },
    expand_one_level: { description: yesNo('Add the nodes VirusTotal relates to each node: one API call per node and relationship') },
    user_editors: { description: 'VirusTotal users who may edit the graph, comma-separated.' },
    user_viewers: { description: 'VirusTotal users who may view the graph, comma-separated.' },
    group_editors: { description: 'VirusTotal groups whose members may edit the graph, comma-separated.' },
    group_viewers: { description: 'VirusTotal groups whose members may view the graph, comma-separated.' },
  },
  attributes: { responseType: 'application/txt', outputFileExtension: 'txt', userConfig: {}, inputSource: [] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const apiKey = requireApiKey(ctx);
    const events = exportEvents(query).filter(hasGraphContent);
    if (events.length === 0) throw MESSAGES.error('nothingToDraw');
    const options: GraphOptions = {
      fetchInformation: flag(ctx, 'fetch_information'),
      fetchVtEnterprise: flag(ctx, 'fetch_vt_enterprise'),
      expandOneLevel: flag(ctx, 'expand_one_level'),
      sharing: {
        private: flag(ctx, 'private'),
        userEditors: names(ctx, 'user_editors'),
        userViewers: names(ctx, 'user_viewers'),
        groupEditors: names(ctx, 'group_editors'),
        groupViewers: names(ctx, 'group_viewers'),
      },
    };
    const api = new VtGraphApi(ctx, apiKey);
    const links: string[] = [];
    for (const event of events) links.push(await exportGraph(api, event, options));
    return exportFile(links.join('\n'));
  },
});
