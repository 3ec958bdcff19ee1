// Pre-signs unique requests for a closed-loop generator (wrk, autocannon): each request is a different user, so the
// per-user limit and the replay guards treat it as a new question, exactly as a crowd would.
// usage: node sign.mjs keygen <dir>                      -> <dir>/private.pem, <dir>/public.hex
//        node sign.mjs slack <secret> <count> <out> [first user number]     -> lines "timestamp\tsignature\tbody"
//        node sign.mjs discord <dir> <count> <out> [first user number]      -> lines "timestamp\tsignature\tbody"
import { createHmac, generateKeyPairSync, createPrivateKey, sign } from 'node:crypto';
import { writeFileSync, readFileSync, createWriteStream, mkdirSync } from 'node:fs';

const [kind, a, countText, out, startText] = process.argv.slice(2);

if (kind === 'keygen') {
  mkdirSync(a, { recursive: true });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(`${a}/private.pem`, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(`${a}/public.hex`, publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex'));
  process.exit(0);
}

const start = Number(startText ?? 0);
const count = start + Number(countText);
const stream = createWriteStream(out);
const timestamp = Math.floor(Date.now() / 1000).toString();
const write = (line) => (stream.write(line) ? Promise.resolve() : new Promise((r) => stream.once('drain', r)));

if (kind === 'slack') {
  for (let i = start; i < count; i++) {
    const body = `token=unused&team_id=T1&team_domain=acme&channel_id=C1&channel_name=general&user_id=U${i}&user_name=u${i}`
      + `&command=%2Fstatusbot&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F${i}%2Fx&trigger_id=${i}.${timestamp}.1`;
    const signature = 'v0=' + createHmac('sha256', a).update(`v0:${timestamp}:${body}`).digest('hex');
    await write(`${timestamp}\t${signature}\t${body}\n`);
  }
} else if (kind === 'discord') {
  const key = createPrivateKey(readFileSync(`${a}/private.pem`));
  const base = 1300000000000000000n;
  for (let i = start; i < count; i++) {
    const body = JSON.stringify({
      id: (base + BigInt(i)).toString(), application_id: '1100000000000000001', type: 2, token: `t${i}`, version: 1,
      guild_id: '1100000000000000002', channel_id: '1100000000000000003', locale: 'en-US',
      data: { id: '1400000000000000001', name: 'status', type: 1 },
      member: { user: { id: (1200000000000000000n + BigInt(i)).toString(), username: `u${i}` }, roles: [], permissions: '0' },
    });
    const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');
    await write(`${timestamp}\t${signature}\t${body}\n`);
  }
} else {
  console.error('usage: node sign.mjs keygen <dir> | slack <secret> <count> <out> | discord <dir> <count> <out>');
  process.exit(2);
}
stream.end();
