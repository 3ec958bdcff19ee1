namespace StatusBot.Core.Replies;

/// <summary>A button a platform may show under a reply; pressing it runs <see cref="Command"/> as the presser.</summary>
public sealed record ReplyAction(string Id, string Label, string Command, bool AdminOnly);
