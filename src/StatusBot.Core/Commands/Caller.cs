using System.Globalization;
using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Commands;

/// <summary>
/// Who is asking, as the adapter established it: the actor, whether they are an admin, their language, and the chat channel
/// they asked in (null on the console), which channel commands act on.
/// </summary>
public sealed record Caller(Actor Actor, bool IsAdmin, CultureInfo Culture, ChannelRef? Channel = null)
{
    /// <summary>
    /// True when <see cref="Culture"/> is only the bot's default, not a language the caller chose (the console without
    /// <c>--locale</c>, a Slack user whose locale is not known): a question is then answered in the language it was asked in.
    /// </summary>
    public bool CultureIsDefault { get; init; }
}
