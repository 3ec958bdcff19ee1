namespace StatusBot.Core.Questions;

/// <summary>What a plain-words message asks for.</summary>
public enum IntentKind
{
    /// <summary>Not a question for the bot.</summary>
    None,

    /// <summary>Names a service but says nothing clear about it ("streaming?"): the bot offers the commands.</summary>
    Unsure,

    /// <summary>Is it up? (for one service, or all when none is named).</summary>
    Status,

    /// <summary>Why is it down?</summary>
    Why,

    /// <summary>When will it be back?</summary>
    WhenBack,

    Help,
}
