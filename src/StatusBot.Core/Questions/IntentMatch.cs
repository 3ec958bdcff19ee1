namespace StatusBot.Core.Questions;

/// <summary>What the intent matcher understood: the intent and the service named, if any.</summary>
public sealed record IntentMatch(IntentKind Kind, string? ServiceId)
{
    public static IntentMatch None { get; } = new(IntentKind.None, null);
}
