/**
 * testaction: upstream's skeleton workflow action. Always succeeds, so an
 * admin can check that MISP workflows reach the server.
 */
import { defineModule } from '../../core/module.js';

export default defineModule({
  name: 'testaction',
  kind: 'action',
  moduleType: ['action'],
  meta: {
    version: '0.1',
    author: 'Andras Iklody',
    description: 'This module is merely a test, always returning true. Triggers on event publishing.',
    name: 'Test action',
  },
  action: {
    params: {
      foo: { type: 'string', description: 'blablabla', value: 'xyz' },
      'Data extraction path': {
        type: 'hash_path',
        description: 'Only post content extracted from this path',
        value: 'Attribute.{n}.AttributeTag.{n}.Tag.name',
      },
    },
    blocking: false,
    support_filters: false,
    expect_misp_core_format: false,
  },
  async handle() {
    return { data: true };
  },
});
