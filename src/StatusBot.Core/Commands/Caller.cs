using System.Globalization;
using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Commands;

/// <summary>
/// Who is asking, as the adapter established it: the actor, whether they are an admin, their language, and the chat channel
/// they asked in (null on the console), which channel commands act on.
/// </summary>
public sealed record Caller(Actor Actor, bool IsAdmin, CultureInfo Culture, ChannelRef? Channel = null);
