/** Merging the Prometheus text of several worker processes (src/server/cluster/metrics-merge.ts). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { QueryMetrics } from '../../../src/core/metrics.js';
import { mergeMetrics, withLabels } from '../../../src/server/cluster/metrics-merge.js';

const gauges = { queriesRunning: () => 0, isolatedThreads: () => 0, workerThreads: async () => 0 };

describe('withLabels', () => {
  test('adds the labels first, to samples with labels, without, and with an empty set', () => {
    assert.equal(withLabels('a_total{module="x",outcome="ok"} 3', 'worker="1"'), 'a_total{worker="1",module="x",outcome="ok"} 3');
    assert.equal(withLabels('a_total 3', 'worker="1"'), 'a_total{worker="1"} 3');
    assert.equal(withLabels('a_total{} 3', 'worker="1"'), 'a_total{worker="1"} 3');
    assert.equal(withLabels('a_total 3 1700000000000', 'worker="1"'), 'a_total{worker="1"} 3 1700000000000');
    assert.equal(withLabels('a_total 3', ''), 'a_total 3');
  });
});

describe('mergeMetrics', () => {
  test('one HELP and TYPE per family, every sample of a family together, histograms whole', () => {
    const one = `# HELP q_total Queries.\n# TYPE q_total counter\nq_total{module="a"} 1\n# HELP d_seconds Durations.\n# TYPE d_seconds histogram\nd_seconds_bucket{le="1"} 1\nd_seconds_bucket{le="+Inf"} 1\nd_seconds_sum 0.5\nd_seconds_count 1\n`;
    const two = `# HELP q_total Queries.\n# TYPE q_total counter\nq_total{module="b"} 2\n# HELP d_seconds Durations.\n# TYPE d_seconds histogram\nd_seconds_bucket{le="1"} 0\nd_seconds_bucket{le="+Inf"} 2\nd_seconds_sum 4\nd_seconds_count 2\n`;
    const own = `# HELP w Workers.\n# TYPE w gauge\nw 2\n`;
    assert.equal(
      mergeMetrics([
        { labels: { worker: '1' }, text: one },
        { labels: { worker: '2' }, text: two },
        { labels: {}, text: own },
      ]),
      [
        '# HELP q_total Queries.',
        '# TYPE q_total counter',
        'q_total{worker="1",module="a"} 1',
        'q_total{worker="2",module="b"} 2',
        '# HELP d_seconds Durations.',
        '# TYPE d_seconds histogram',
        'd_seconds_bucket{worker="1",le="1"} 1',
        'd_seconds_bucket{worker="1",le="+Inf"} 1',
        'd_seconds_sum{worker="1"} 0.5',
        'd_seconds_count{worker="1"} 1',
        'd_seconds_bucket{worker="2",le="1"} 0',
        'd_seconds_bucket{worker="2",le="+Inf"} 2',
        'd_seconds_sum{worker="2"} 4',
        'd_seconds_count{worker="2"} 2',
        '# HELP w Workers.',
        '# TYPE w gauge',
        'w 2',
        '',
      ].join('\n'),
    );
  });

  test('a family only one process has, a sample with no HELP, label values escaped, blank lines and comments dropped', () => {
    const merged = mergeMetrics([
      { labels: { worker: 'a"b\\c' }, text: '# a comment\n\nlonely 1\n# HELP only_here Here.\n# TYPE only_here gauge\nonly_here 5\n' },
      { labels: { worker: '2' }, text: 'lonely 2\n' },
    ]);
    assert.equal(merged, ['lonely{worker="a\\"b\\\\c"} 1', 'lonely{worker="2"} 2', '# HELP only_here Here.', '# TYPE only_here gauge', 'only_here{worker="a\\"b\\\\c"} 5', ''].join('\n'));
  });

  test('the server\'s own rendering from two workers merges into valid text: every family once, every sample labelled', async () => {
    const a = new QueryMetrics();
    const b = new QueryMetrics();
    try {
      a.record('eql', 'ok', 0.002);
      b.record('eql', 'ok', 0.2);
      b.record('dns', 'timeout', 30);
      const merged = mergeMetrics([
        { labels: { worker: '1' }, text: await a.render(gauges) },
        { labels: { worker: '2' }, text: await b.render(gauges) },
      ]);
      const lines = merged.trimEnd().split('\n');
      const helps = lines.filter((l) => l.startsWith('# HELP ')).map((l) => l.split(' ')[2]);
      assert.equal(new Set(helps).size, helps.length);
      // Samples of a family come right after its HELP and TYPE, before the next family's.
      let family = '';
      for (const line of lines) {
        if (line.startsWith('# HELP ')) family = line.split(' ')[2]!;
        else if (!line.startsWith('#')) {
          assert.ok(line.startsWith(family), `${line} under ${family}`);
          assert.match(line, /^[a-z0-9_]+\{worker="[12]"[,}]/);
        }
      }
      assert.match(merged, /^misp_modules_queries_total\{worker="1",module="eql",outcome="ok"\} 1$/m);
      assert.match(merged, /^misp_modules_queries_total\{worker="2",module="dns",outcome="timeout"\} 1$/m);
      assert.match(merged, /^misp_modules_query_duration_seconds_count\{worker="2",module="eql"\} 1$/m);
    } finally {
      a.stop();
      b.stop();
    }
  });
});
