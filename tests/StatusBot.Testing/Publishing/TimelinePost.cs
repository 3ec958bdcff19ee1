namespace StatusBot.Testing.Publishing;

/// <summary>A post a timeline emulator accepted: its platform and id, text, the post it replies to, the thread's root, and the mentions the platform would have made.</summary>
public sealed record TimelinePost(string Platform, string Id, string Text, string? ReplyTo, string? Root, IReadOnlyList<string> Mentions, DateTimeOffset At);
