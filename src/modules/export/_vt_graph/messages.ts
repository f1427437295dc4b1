/** vt_graph's messages about a saved graph: upstream's where upstream had one. */
import { defineMessages } from '../../../base/messages.js';

export const GRAPH_MESSAGES = defineMessages({
  graphNotFound: 'Error to find graph with id: {graphId}. Response code: {status}.',
  pullFailed: 'Error while pulling {kind}; code: {status}',
  noDataList: 'Unexpected error in json structure at get_graph_{kind}: no data list.',
  saveFailed: 'Saving graph error: {status} status code.{detail}',
  noGraphId: 'Saving graph error: VirusTotal answered without the graph id.',
  collaboratorsRefused:
    'The graph was saved ({link}), but VirusTotal refused its {kind} (HTTP {status}){detail}. Check the user and group names in the settings.',
  badGraph: "Unexpected error in json structure at load_graph: '{key}'.",
});
