namespace StatusBot.Announcing;

/// <summary>
/// Templates admins may override, per language (<c>Apology:en</c>, <c>Apology:fr</c>). Placeholders: <c>{services}</c>,
/// <c>{status}</c>, <c>{segments}</c>, <c>{duration}</c>, <c>{next}</c>, <c>{title}</c>, <c>{id}</c>. Without an override the
/// built-in sentence of that language is used.
/// </summary>
public sealed class AnnouncementTemplates
{
    public Dictionary<string, string> Apology { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
