namespace StatusBot.Discord.Wire;

/// <summary>The gateway intents StatusBot may ask for, with Discord's bit values.</summary>
[Flags]
internal enum GatewayIntents
{
    None = 0,
    GuildMessages = 1 << 9,
    DirectMessages = 1 << 12,
}
