/** What the three chat actions declare alike, as upstream does. */
import type { ActionParam } from '../../../core/module.js';

/** The `message_template` param, word for word as upstream declares it. */
export const MESSAGE_TEMPLATE_PARAM: ActionParam = {
  type: 'large_string',
  description: 'The template to be used to generate the message to be posted',
  value: 'The **template** will be rendered using *Jinja2*!',
  jinja_supported: true,
};

/** Upstream's empty documentation fields of the action modules. */
export const CHAT_PARAMS_META = { logo: '', requirements: [], features: '', references: [], input: '', output: '' };
