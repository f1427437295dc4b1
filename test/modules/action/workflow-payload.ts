/**
 * A workflow payload as MISP sends it to an action module (PROTOCOL.md §2.7):
 * an event-publish trigger's data in core format with `_AttributeFlattened`
 * and per-attribute `_allTags`, the node's params, and `matchingData` when
 * the module has hash_path params.
 */
export const EVENT_UUID = '5e5d3c7e-1b2a-4c3d-9e8f-0a1b2c3d4e5f';

export const WORKFLOW_DATA = {
  Event: {
    id: '42',
    uuid: EVENT_UUID,
    info: 'Phishing wave against finance — ACME',
    threat_level_id: '2',
    published: true,
    Tag: [{ id: '1', name: 'tlp:green' }],
    Attribute: [
      { id: '501', type: 'domain', category: 'Network activity', value: 'login-acme.example', to_ids: true, _allTags: [{ name: 'tlp:green' }] },
      { id: '502', type: 'ip-dst', category: 'Network activity', value: '198.51.100.23', to_ids: true, _allTags: [] },
    ],
    Object: [],
    _AttributeFlattened: [
      { id: '501', type: 'domain', value: 'login-acme.example' },
      { id: '502', type: 'ip-dst', value: '198.51.100.23' },
    ],
  },
};

export const TEMPLATE = '{{ Event.info }}: {% for a in Event.Attribute %}{{ a.type }}={{ a.value }}{% if not loop.last %}, {% endif %}{% endfor %}';
export const RENDERED = 'Phishing wave against finance — ACME: domain=login-acme.example, ip-dst=198.51.100.23';

/** The body MISP posts for `module` with these params. */
export function workflowQuery(params: Record<string, string>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { data: WORKFLOW_DATA, params, ...extra };
}
