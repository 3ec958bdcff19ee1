namespace StatusBot.Slack.Endpoints;

/// <summary>A slash command invocation, from the HTTP form or a Socket Mode envelope.</summary>
/// <remarks><see cref="TeamId"/> is the workspace the command was typed in (<c>team_id</c>).</remarks>
public sealed record SlashCommand(string Command, string Text, string UserId, string UserName, string ChannelId, string? ResponseUrl, string? TriggerId = null, string? TeamId = null);
