// SPDX-License-Identifier: MIT
// Runs node's pac-resolver (bench peer) over a URL list:
//   node pac-resolver-run.js PAC URLFILE [INFLIGHT=1]
// prints "URL : RESULT" per URL in input order, as pactester does. INFLIGHT
// > 1 keeps that many evaluations in flight (pac-resolver is async; its DNS
// calls go to node's thread pool), the output order stays the input order.
import { readFileSync } from 'node:fs';
import { QuickJS } from 'quickjs-wasi';
import { createPacResolver } from 'pac-resolver';

const [pacPath, urlPath, inflightArg] = process.argv.slice(2);
const inflight = Math.max(1, parseInt(inflightArg || '1', 10));
const wasm = readFileSync(new URL('./node_modules/quickjs-wasi/quickjs.wasm', import.meta.url));
const vm = await QuickJS.create(wasm);
const find = createPacResolver(vm, readFileSync(pacPath));
const urls = readFileSync(urlPath, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));

for (let i = 0; i < urls.length; i += inflight) {
  const batch = urls.slice(i, i + inflight);
  const res = await Promise.all(batch.map((u) => find(u).catch((e) => 'ERROR ' + e.message)));
  const chunk = batch.map((u, k) => `${u} : ${res[k]}`);
  process.stdout.write(chunk.join('\n') + '\n');
}
