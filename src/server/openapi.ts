/**
 * The OpenAPI 3.1 document of the server, written by hand (the routes take
 * free-form bodies, so generating it from schemas would say less). Built on its
 * first request (again when the module list changes), with the module list
 * as examples.
 */
import type { ModuleDescriptor } from '../core/descriptor.js';

export function buildOpenApiDocument(descriptors: readonly ModuleDescriptor[], version: string): Record<string, unknown> {
  const names = descriptors.map((d) => d.name).sort();
  const errorBody = { type: 'object', required: ['error'], properties: { error: { type: 'string' } } };
  const jsonContent = (schema: unknown, example?: unknown) => ({
    'application/json': { schema, ...(example === undefined ? {} : { example }) },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'MISP Modules API',
      version,
      description:
        'A drop-in MISP modules server. MISP lists modules with GET /modules and runs them with POST /query. Module outcomes, errors included, are HTTP 200 with a JSON body; malformed requests get 4xx with {"error": "..."}.',
    },
    paths: {
      '/modules': {
        get: {
          summary: 'List the modules (MISP calls this with a 1 s timeout)',
          responses: {
            200: {
              description: 'Module descriptors',
              content: jsonContent(
                {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['name', 'type', 'mispattributes', 'meta'],
                    properties: {
                      name: { type: 'string' },
                      type: { type: 'string', enum: ['expansion', 'import_mod', 'export_mod', 'action_mod'] },
                      mispattributes: { type: 'object' },
                      meta: { type: 'object' },
                    },
                  },
                },
                descriptors.slice(0, 3),
              ),
            },
          },
        },
      },
      '/query': {
        post: {
          summary: 'Run a module',
          requestBody: {
            required: true,
            content: jsonContent(
              {
                type: 'object',
                required: ['module'],
                properties: {
                  module: { type: 'string', enum: names },
                  timeout: { type: ['number', 'string'], description: 'Seconds (default 300). 0 or less times out at once.' },
                  config: { type: ['object', 'array'], description: 'Module settings; MISP sends strings or null.' },
                  attribute: { type: 'object', description: 'misp_standard expansion input: at least type, value, uuid.' },
                  data: { description: 'Import: base64 content. Export: a list of MISP events. Action: workflow data.' },
                  event_id: { type: ['string', 'integer'] },
                },
                additionalProperties: true,
              },
              { module: 'eql', 'ip-src': '203.0.113.7' },
            ),
          },
          responses: {
            200: { description: 'Results, or {"error": "..."} for a module-level problem (unknown module, wrong type, upstream failure, "Timeout.")', content: jsonContent({ type: 'object' }) },
            400: { description: 'The body is not a JSON object, or a field has the wrong type', content: jsonContent(errorBody) },
            401: { description: 'An auth token is configured and the request lacks it', content: jsonContent(errorBody) },
            413: { description: 'The body is larger than the configured limit', content: jsonContent(errorBody) },
          },
        },
      },
      '/healthcheck': { get: { summary: 'Liveness', responses: { 200: { description: 'Alive', content: jsonContent({ type: 'object' }, { status: true }) } } } },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics: queries by module and outcome, durations, running queries, threads, memory, event loop lag',
          responses: { 200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
      '/version': { get: { summary: 'Server version', responses: { 200: { description: 'Version', content: jsonContent({ type: 'object' }, { version }) } } } },
    },
  };
}
