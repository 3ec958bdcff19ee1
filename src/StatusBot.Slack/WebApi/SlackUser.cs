namespace StatusBot.Slack.WebApi;

/// <summary>What StatusBot needs of a Slack user: a display name, whether they administer the workspace, and their locale.</summary>
public sealed record SlackUser(string Id, string Name, bool IsWorkspaceAdmin, string? Locale);
