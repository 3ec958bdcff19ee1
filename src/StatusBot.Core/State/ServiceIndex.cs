using System.Globalization;
using System.Text;
using StatusBot.Core.Domain;

namespace StatusBot.Core.State;

/// <summary>Finds a service by id, name or alias, ignoring case, accents and punctuation ("Sign-in", "signin", "sign in").</summary>
public sealed class ServiceIndex
{
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);

    public ServiceIndex(IEnumerable<ServiceDefinition> definitions)
    {
        foreach (var d in definitions)
        {
            foreach (var name in Names(d))
            {
                _byKey.TryAdd(Key(name), d.Id);
                _byKey.TryAdd(Key(name).Replace(" ", "", StringComparison.Ordinal), d.Id);
            }
        }

        Phrases = definitions
            .SelectMany(d => Names(d).Select(n => (Phrase: Normalize(n), d.Id)))
            .Where(p => p.Phrase.Length > 0)
            .Distinct()
            .OrderByDescending(p => p.Phrase.Length)
            .ToArray();
    }

    /// <summary>Every normalized name and alias with its service id, longest first (for finding names inside sentences).</summary>
    public IReadOnlyList<(string Phrase, string Id)> Phrases { get; }

    public string? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = Key(text);
        return _byKey.TryGetValue(key, out var id) || _byKey.TryGetValue(key.Replace(" ", "", StringComparison.Ordinal), out id) ? id : null;
    }

    private static IEnumerable<string> Names(ServiceDefinition d) => [d.Id, d.Name, .. d.Aliases];

    private static string Key(string text) => Normalize(text);

    /// <summary>Lower case, accents removed, every run of non-letters and non-digits turned into one space.</summary>
    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }

        return sb.ToString().TrimEnd();
    }
}
