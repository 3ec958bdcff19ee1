using System.Collections.Immutable;
using System.Globalization;
using StatusBot.Core.Announcing;
using StatusBot.Core.Domain;

namespace StatusBot.Core.Commands;

/// <summary>A validated command: typed option values, who asked, whether they are an admin, and their language.</summary>
public sealed record ChatCommand(
    CommandSpec Spec,
    ImmutableDictionary<string, object> Values,
    Actor Actor,
    bool IsAdmin,
    CultureInfo Culture,
    ChannelRef? Channel = null)
{
    public bool Has(string option) => Values.ContainsKey(option);

    public string? Text(string option) => Values.GetValueOrDefault(option) as string;

    public string RequiredText(string option) => Text(option) ?? throw Missing(option);

    public long? Integer(string option) => Values.GetValueOrDefault(option) as long?;

    public ImmutableArray<string> ServiceIds(string option) =>
        Values.GetValueOrDefault(option) is ImmutableArray<string> ids ? ids : [];

    public TEnum? Enum<TEnum>(string option)
        where TEnum : struct, Enum => Values.GetValueOrDefault(option) is TEnum value ? value : null;

    public TEnum RequiredEnum<TEnum>(string option)
        where TEnum : struct, Enum => Enum<TEnum>(option) ?? throw Missing(option);

    private InvalidOperationException Missing(string option) => new($"Option '{option}' of '{Spec.Name}' was not bound.");
}
