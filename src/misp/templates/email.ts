import type { ObjectTemplate } from '../types.js';

/** MISP object template `email` (misp-objects, version 19). */
export default {
  name: 'email',
  uuid: 'a0c666e0-fc65-4be8-b48f-3423d788b552',
  version: 19,
  metaCategory: 'network',
  description: 'Email object describing an email with meta-information',
  requiredOneOf: [
    'from', 'from-display-name', 'to', 'to-display-name', 'subject', 'attachment', 'message-id',
    'reply-to', 'send-date', 'mime-boundary', 'thread-index', 'header', 'x-mailer', 'return-path',
    'email-body', 'email-body-attachment', 'eml', 'msg',
  ],
  attributes: {
    attachment: { types: ['email-attachment'], multiple: true, categories: ['Payload delivery'] },
    bcc: {
      types: ['email-dst'], multiple: true, disableCorrelation: true,
      categories: ['Payload delivery'],
    },
    'bcc-display-name': {
      types: ['email-dst-display-name'], multiple: true,
      categories: ['Payload delivery'],
    },
    cc: {
      types: ['email-dst'], multiple: true, disableCorrelation: true,
      categories: ['Payload delivery'],
    },
    'cc-display-name': {
      types: ['email-dst-display-name'], multiple: true,
      categories: ['Payload delivery'],
    },
    'email-body': {
      types: ['email-body'], multiple: true, disableCorrelation: true,
      categories: ['Payload delivery'],
    },
    'email-body-attachment': { types: ['attachment'], disableCorrelation: true },
    eml: { types: ['attachment'], disableCorrelation: true },
    from: { types: ['email-src'], multiple: true, categories: ['Payload delivery'] },
    'from-display-name': {
      types: ['email-src-display-name'], multiple: true,
      categories: ['Payload delivery'],
    },
    'from-domain': { types: ['domain'], multiple: true, categories: ['Payload delivery'] },
    header: {
      types: ['email-header'], multiple: true, disableCorrelation: true,
      categories: ['Payload delivery'],
    },
    'ip-src': { types: ['ip-src'], multiple: true },
    'message-id': {
      types: ['email-message-id'], disableCorrelation: true,
      categories: ['Payload delivery'],
    },
    'mime-boundary': {
      types: ['email-mime-boundary'], disableCorrelation: true,
      categories: ['Payload delivery'],
    },
    msg: { types: ['attachment'], disableCorrelation: true },
    'received-header-hostname': { types: ['hostname'], multiple: true },
    'received-header-ip': { types: ['ip-src'], multiple: true },
    'reply-to': { types: ['email-reply-to'], multiple: true, categories: ['Payload delivery'] },
    'reply-to-display-name': {
      types: ['email-dst-display-name'], multiple: true,
      categories: ['Payload delivery'],
    },
    'return-path': { types: ['email-src'], categories: ['Payload delivery'] },
    screenshot: {
      types: ['attachment'], disableCorrelation: true,
      categories: ['External analysis'],
    },
    'send-date': { types: ['datetime'], disableCorrelation: true, categories: ['Other'] },
    subject: { types: ['email-subject'], multiple: true, categories: ['Payload delivery'] },
    'thread-index': {
      types: ['email-thread-index'], disableCorrelation: true,
      categories: ['Payload delivery'],
    },
    to: {
      types: ['email-dst'], multiple: true, disableCorrelation: true,
      categories: ['Payload delivery'],
    },
    'to-display-name': {
      types: ['email-dst-display-name'], multiple: true,
      categories: ['Payload delivery'],
    },
    'user-agent': { types: ['text'], disableCorrelation: true },
    'x-mailer': {
      types: ['email-x-mailer'], disableCorrelation: true,
      categories: ['Payload delivery'],
    },
  },
} as const satisfies ObjectTemplate;
