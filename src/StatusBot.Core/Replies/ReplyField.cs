namespace StatusBot.Core.Replies;

/// <summary>A named block of a reply (an incident in the overview, a milestone).</summary>
public sealed record ReplyField(string Name, string Value, bool Inline = false);
