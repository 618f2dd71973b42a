// WebSub subscribers made with the npm package pubsubhubbub (e2e/websub.py drives them).
//
// Reads commands from stdin, one JSON object a line:
//   {"cmd": "start", "name": "a", "secret": "..."}      a subscriber with its own callback server (secret optional)
//   {"cmd": "subscribe" | "unsubscribe", "name": "a", "topic": URL, "hub": URL}
// and writes what happens to stdout, one JSON object a line, each with "at" (Date.now()):
//   listen, subscribe-request (the hub's answer to the POST), subscribe / unsubscribe (the hub verified
//   intent and the package answered the challenge), feed (a delivery the package accepted), denied, error.
//
// pubsubhubbub 1.0.2 sends a hub HMAC-SHA1(secret, topic) as hub.secret, yet checks the signatures of
// deliveries against the secret itself, so with a secret it would refuse every delivery (it answers 202 and
// emits nothing). After each subscription request the key the hub was given is set as the package's secret:
// the package's own check then runs against what the hub signs with. The signature is also checked here.
import crypto from 'node:crypto';
import readline from 'node:readline';
import pubsubhubbub from 'pubsubhubbub';

const subscribers = new Map();

function out(event) {
  process.stdout.write(JSON.stringify({ ...event, at: Date.now() }) + '\n');
}

function start(name, secret) {
  const pubsub = pubsubhubbub.createServer(secret ? { secret } : {});
  const entry = { pubsub, secret, key: null };
  subscribers.set(name, entry);
  pubsub.on('listen', () => {
    const port = pubsub.server.address().port;
    pubsub.callbackUrl = `http://127.0.0.1:${port}/`;
    out({ event: 'listen', name, port });
  });
  pubsub.on('subscribe', (data) => out({ event: 'subscribe', name, topic: data.topic, lease: data.lease }));
  pubsub.on('unsubscribe', (data) => out({ event: 'unsubscribe', name, topic: data.topic }));
  pubsub.on('denied', (data) => out({ event: 'denied', name, topic: data.topic, error: String(data.error) }));
  pubsub.on('error', (error) => out({ event: 'error', name, error: String(error && error.message) }));
  pubsub.on('feed', (data) => {
    const signature = data.headers['x-hub-signature'] || null;
    const expected = entry.key === null ? null
      : 'sha256=' + crypto.createHmac('sha256', entry.key).update(data.feed).digest('hex');
    out({
      event: 'feed', name, topic: data.topic, hub: data.hub, contentType: data.headers['content-type'],
      link: data.headers.link || null, signature, signatureMatches: expected !== null && signature === expected,
      sha256: crypto.createHash('sha256').update(data.feed).digest('hex'), body: data.feed.toString('utf8'),
    });
  });
  pubsub.listen(0, '127.0.0.1');
}

function request(cmd, name, topic, hub) {
  const entry = subscribers.get(name);
  entry.pubsub[cmd](topic, hub, (error) => out({ event: `${cmd}-request`, name, topic, error: error ? error.message : null }));
  if (entry.secret && cmd === 'subscribe') {
    entry.key = crypto.createHmac('sha1', entry.secret).update(topic).digest('hex');
    entry.pubsub.secret = entry.key;
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) {
    return;
  }
  const command = JSON.parse(line);
  if (command.cmd === 'start') {
    start(command.name, command.secret);
  } else {
    request(command.cmd, command.name, command.topic, command.hub);
  }
}).on('close', () => {
  for (const { pubsub } of subscribers.values()) {
    pubsub.server.close();
  }
  process.exit(0);
});
