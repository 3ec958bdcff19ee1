namespace StatusBot.Slack.Endpoints;

/// <summary>A slash command invocation, from the HTTP form or a Socket Mode envelope.</summary>
public sealed record SlashCommand(string Command, string Text, string UserId, string UserName, string ChannelId, string? ResponseUrl, string? TriggerId = null);
