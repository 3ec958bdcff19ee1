using StatusBot.Core.Domain;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Replies;

/// <summary>
/// What the bot says about an automatic incident, in a customer's words and in each reader's language: "Streaming is
/// unavailable", "Streaming, Website and API are unavailable", "Website is slow"; and the bot's own timeline sentences
/// (<see cref="Phrase"/>) rendered for a language.
/// </summary>
public static class AutomaticWords
{
    /// <summary>"Streaming and API are unavailable; Website is slow": the services by what a customer sees, no trailing period.</summary>
    public static string Title(IEnumerable<(string Name, ServiceStatus Status)> services, Localizer l)
    {
        var list = services.ToList();
        var down = list.Where(s => s.Status != ServiceStatus.DegradedPerformance).Select(s => s.Name).ToList();
        var slow = list.Where(s => s.Status == ServiceStatus.DegradedPerformance).Select(s => s.Name).ToList();
        var parts = new List<string>();
        if (down.Count > 0)
        {
            parts.Add(l.Format(down.Count == 1 ? nameof(Strings.Auto_Unavailable_One) : nameof(Strings.Auto_Unavailable), l.List(down)));
        }

        if (slow.Count > 0)
        {
            parts.Add(l.Format(slow.Count == 1 ? nameof(Strings.Auto_Slow_One) : nameof(Strings.Auto_Slow), l.List(slow)));
        }

        return string.Join("; ", parts);
    }

    /// <summary>The title of the services an incident affects (or has affected), in this language.</summary>
    public static string Title(IEnumerable<AffectedService> services, BoardState state, Localizer l) =>
        Title(services.Select(s => (state.ServiceName(s.ServiceId), s.Status)), l);

    /// <summary>An incident's title for a reader: an automatic incident's is written in the reader's language.</summary>
    public static string TitleOf(Incident incident, BoardState state, Localizer l) =>
        incident.Automatic && incident.Services.Length > 0 ? Title(incident.Services, state, l) : incident.Title;

    /// <summary>The phrase in this language.</summary>
    public static string Render(Phrase phrase, Localizer l) =>
        l.Format(phrase.Key, [.. phrase.Args.Select(a => (object?)(a.List is { } names ? l.List(names) : a.Duration is { } d ? l.Duration(d) : a.Text))]);

    /// <summary>The phrase, and its English text for the record.</summary>
    public static (string English, Phrase Phrase) Say(string key, params PhraseArg[] args)
    {
        var phrase = new Phrase(key, [.. args]);
        return (Render(phrase, Localizer.For(Locales.English)), phrase);
    }
}
