/**
 * The messages of the TAXII client (client.ts: taxii2client's wording) and
 * of its paging (paging.ts), declared by the TAXII import modules.
 */
import { defineMessages } from '../../../base/messages.js';

export const TAXII_CLIENT_MESSAGES = defineMessages({
  unexpectedMediaType: "Unexpected Response. Got Content-Type: '{contentType}' for Accept: '{accept}'",
  notTaxiiResource: '{service} answered JSON that is not a TAXII resource (HTTP {status}).',
});

export const TAXII_PAGING_MESSAGES = defineMessages({
  objectsNotList: '{service} answered an envelope whose "objects" is not a list.',
  pagingLoop: '{service} sent the same "next" page token twice (a paging loop); stopped after {pages} pages.',
});

/** taxii21's own messages: its settings (taxii21-config.ts) and its collection URL (collection.ts). */
export const TAXII21_MESSAGES = defineMessages({
  accessDenied: 'Access was denied.',
  noUrl: 'A TAXII 2.1 collection URL is required.',
  badSpecVersion: 'Only spec versions "2.0" and "2.1" are valid versions.',
  halfCredentials: 'Both or neither of "username" and "password" are required.',
  notWholeNumber: 'Invalid {label}: not a whole number: {raw}',
  adminLimitNotPositive: 'Invalid admin object limit: must be positive: {limit}',
  objectLimitNotPositive: 'Invalid object limit: must be positive: {limit}',
  collectionNotUrl: 'The TAXII collection URL is not a valid URL: {url}',
  collectionNotHttp: 'The TAXII collection URL must start with https:// (or http://).',
  discoveryNotCollection:
    '{where} is a TAXII discovery endpoint, not a collection. Its API roots: {roots}; give the URL of a collection (<API root>collections/<id>/).',
  listNotCollection: '{where} lists collections, it is not one: {choices}',
  apiRootNotCollection: '{where} is a TAXII API root, not a collection: {choices}',
  collectionField: "No '{field}' in Collection for request '{where}'",
  collectionMismatch: "The collection '{id}' does not match the url for queries '{where}'",
  notReadable: "Collection '{where}' does not allow reading.",
});
