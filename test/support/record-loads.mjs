/**
 * `node --import ./test/support/record-loads.mjs …`: appends the URL of every
 * ES module the process loads to the file named by RECORD_LOADS_FILE, one a
 * line (Node's own loader hooks observe, nothing of ours is changed). Tests
 * read it to see which files a server had loaded at a given moment.
 */
import { register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url, { data: { file: process.env['RECORD_LOADS_FILE'] } });
