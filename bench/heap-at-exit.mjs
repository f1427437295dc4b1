/**
 * `node --expose-gc --import ./bench/heap-at-exit.mjs dist/cli.js -t`: when
 * the process exits (with -t: once the server has started and stopped),
 * collects garbage and writes the resident memory, the V8 heap (reserved and
 * in use) and V8's code statistics as one JSON line on stderr
 * (bench/startup-profile.ts reads it).
 */
import { getHeapCodeStatistics } from 'node:v8';

process.on('exit', () => {
  globalThis.gc?.();
  const code = getHeapCodeStatistics();
  const memory = process.memoryUsage();
  process.stderr.write(
    `HEAP-AT-EXIT ${JSON.stringify({
      rss: memory.rss,
      heapTotal: memory.heapTotal,
      heapUsed: memory.heapUsed,
      bytecode: code.bytecode_and_metadata_size,
      machineCode: code.code_and_metadata_size,
      scriptSource: code.external_script_source_size,
    })}\n`,
  );
});
