namespace StatusBot.Core.Domain;

/// <summary>Who or what wrote a timeline update.</summary>
public enum UpdateKind
{
    Human,
    Automatic,
    Apology,
    Upstream,
}
