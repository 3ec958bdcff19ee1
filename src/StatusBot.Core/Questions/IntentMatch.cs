using System.Globalization;

namespace StatusBot.Core.Questions;

/// <summary>What the intent matcher understood: the intent and the service named, if any.</summary>
public sealed record IntentMatch(IntentKind Kind, string? ServiceId)
{
    /// <summary>The language the message was written in, when its keywords say so (<c>pourquoi</c>, <c>panne</c>: French).</summary>
    public CultureInfo? Language { get; init; }

    /// <summary>For <see cref="IntentKind.Help"/>: the command or group asked about (<c>incident</c> of "aide incident").</summary>
    public string? Topic { get; init; }

    public static IntentMatch None { get; } = new(IntentKind.None, null);
}
