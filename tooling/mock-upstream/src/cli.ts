#!/usr/bin/env node
// Starts the mock upstream: `node tooling/mock-upstream/src/cli.ts [--port 4010] [--latency 50,800]`.
import { parseArgs } from 'node:util';
import { startMockUpstream } from './mock-upstream.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string' },
  },
});
const latency = values.latency?.split(',').map(Number);
const upstream = await startMockUpstream({
  port: Number(values.port),
  host: values.host,
  knobs: latency ? { '*': { latencyMs: latency.length === 2 ? [latency[0]!, latency[1]!] : latency[0]! } } : {},
});
console.log(
  `mock upstream on ${upstream.url} serving ${upstream.providers.length} providers (/<slug>/…; control at /__mock/)`,
);
const stop = () => void upstream.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
