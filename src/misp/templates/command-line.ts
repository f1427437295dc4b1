import type { ObjectTemplate } from '../types.js';

/** MISP object template `command-line` (misp-objects, version 2). */
export default {
  name: 'command-line',
  uuid: '88ebe222-d3cc-11e9-875d-7f13f460adaf',
  version: 2,
  metaCategory: 'misc',
  description:
    'Command line and options related to a specific command executed by a program, ' +
    'whether it is malicious or not.',
  required: ['command_line'],
  attributes: {
    command_line: { types: ['text'], multiple: true },
    description: { types: ['text'] },
    software: { types: ['text'], saneDefault: ['Shell', 'Bash', 'zsh', 'Powershell', 'cmd.exe'] },
  },
} as const satisfies ObjectTemplate;
