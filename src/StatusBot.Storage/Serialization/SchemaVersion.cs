namespace StatusBot.Storage.Serialization;

/// <summary>
/// The version written in every journal record and snapshot. Raise it when a change makes old readers misread new
/// files; this build reads every version up to <see cref="Current"/> and refuses newer ones.
/// </summary>
public static class SchemaVersion
{
    public const int Current = 1;
}
