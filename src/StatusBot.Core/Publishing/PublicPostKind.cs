namespace StatusBot.Core.Publishing;

/// <summary>What a public post says: the opening of an incident's thread, a person's or the checks' update, a holding update, or the resolution.</summary>
public enum PublicPostKind
{
    Opened,
    Updated,
    Holding,
    Resolved,
}
