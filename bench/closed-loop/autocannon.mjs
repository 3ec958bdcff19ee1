// autocannon with pre-signed requests, each sent once (see sign.mjs).
// usage: node autocannon.mjs <url> <slack|discord> <requests-file> <connections> <seconds>
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

const [url, kind, file, connections, seconds] = process.argv.slice(2);
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
const [tsHeader, sigHeader, contentType] = kind === 'slack'
  ? ['x-slack-request-timestamp', 'x-slack-signature', 'application/x-www-form-urlencoded']
  : ['x-signature-timestamp', 'x-signature-ed25519', 'application/json'];
let next = 0;
const result = await autocannon({
  url,
  method: 'POST',
  connections: Number(connections),
  duration: Number(seconds),
  requests: [{
    setupRequest: (request) => {
      const [ts, sig, body] = lines[Math.min(next++, lines.length - 1)].split('\t');
      return { ...request, method: 'POST', body, headers: { [tsHeader]: ts, [sigHeader]: sig, 'content-type': contentType } };
    },
  }],
});
const non2xx = result.non2xx + result.errors + result.timeouts;
console.log(`requests=${result.requests.total} rps=${Math.round(result.requests.total / result.duration)} p50=${result.latency.p50}ms p99=${result.latency.p99}ms errors=${non2xx}`);
