// Bolt peer for the Slack benchmark: the same /statusbot reply as StatusBot's overview (read from REPLY_FILE, a JSON
// captured from StatusBot itself), behind Bolt's own request verification (v0 HMAC + 5-minute timestamp check).
const fs = require('fs');
const { App, LogLevel } = require('@slack/bolt');

const reply = JSON.parse(fs.readFileSync(process.env.REPLY_FILE, 'utf8'));
const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  // A token with botId/botUserId given, so Bolt never calls auth.test: the benchmark sends nothing off this machine.
  token: 'xoxb-bench-unused',
  botId: 'B0BENCH',
  botUserId: 'U0BENCH',
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
});

app.command(process.env.COMMAND_NAME || '/statusbot', async ({ ack }) => {
  await ack(reply);
});

(async () => {
  await app.start(Number(process.env.PORT || 3000));
  console.log(`bolt peer listening on ${process.env.PORT || 3000}`);
})();
