using System.Globalization;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Commands;

/// <summary>Who is asking, as the adapter established it: the actor, whether they are an admin, and their language.</summary>
public sealed record Caller(Actor Actor, bool IsAdmin, CultureInfo Culture);
