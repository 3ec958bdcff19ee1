// The peer in bench/discord-interactions.sh: Discord's own middleware (verifyKeyMiddleware) on Express, answering every
// command with the embed StatusBot answers /status with (captured from StatusBot into status-response.json).
const fs = require('node:fs');
const path = require('node:path');
const express = require('express');
const { InteractionType, verifyKeyMiddleware } = require('discord-interactions');

const publicKey = process.env.DISCORD_PUBLIC_KEY;
const port = Number(process.env.PORT || 18081);
const answer = JSON.parse(fs.readFileSync(process.env.ANSWER_FILE || path.join(__dirname, 'status-response.json'), 'utf8'));

const app = express();
app.post('/discord/interactions', verifyKeyMiddleware(publicKey), (req, res) => {
  if (req.body.type === InteractionType.APPLICATION_COMMAND) {
    return res.json(answer);
  }
  return res.status(400).end();
});
app.listen(port, '127.0.0.1', () => console.log(`peer listening on 127.0.0.1:${port}`));
