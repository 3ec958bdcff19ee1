using System.Globalization;
using StatusBot.Core.Commands;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Questions;

/// <summary>
/// Maps questions in plain English or French ("is streaming down?", "pourquoi le site est lent ?") to the same handlers
/// as the commands. Deliberately small and predictable: keywords and phrases on accent-free lower-case text, service
/// names and aliases from the configuration. A message is a question only when it names a service together with a
/// problem word, or asks about everything in a recognised way; anything else is left alone, so chatter in a channel
/// is never answered.
/// </summary>
public static class IntentMatcher
{
    // Each list in two halves, English and French: the halves that match also tell which language the message is in.
    private static readonly string[] WhyEnglish =
    [
        "why", "caused", "reason", "what happened", "what s wrong", "whats wrong", "what is wrong", "what s going on",
        "what is going on", "root cause",
    ];

    private static readonly string[] WhyFrench =
    [
        "pourquoi", "raison", "que se passe", "qu est ce qui se passe", "qu est ce qui arrive", "quelle est la cause",
        "c est quoi le probleme", "d ou vient",
    ];

    private static readonly string[] WhyPhrases = ["cause", .. WhyEnglish, .. WhyFrench];

    private static readonly string[] WhenEnglish =
    [
        "when", "eta", "how long", "back up", "be back", "come back", "coming back", "fixed", "restored", "any news", "back yet",
    ];

    private static readonly string[] WhenFrench =
    [
        "quand", "combien de temps", "revient", "reviendra", "de retour", "retabli", "repare", "remarche", "des nouvelles",
    ];

    private static readonly string[] WhenPhrases = [.. WhenEnglish, .. WhenFrench];

    private static readonly string[] ProblemEnglish =
    [
        "down", "up", "working", "work", "works", "broken", "broke", "outage", "outages", "offline", "online", "slow", "lag", "laggy",
        "lagging", "status", "issue", "issues", "problem", "problems", "error", "errors", "failing", "fail", "fails", "failed", "okay",
        "available", "unavailable", "dead", "buffering", "loading", "load",
    ];

    private static readonly string[] ProblemFrench =
    [
        "panne", "pannes", "marche", "marchent", "fonctionne", "fonctionnent", "lent", "lente", "hors service", "hors ligne", "en ligne",
        "statut", "etat", "probleme", "problemes", "plante", "dispo", "disponible", "indisponible", "coupe", "coupure", "erreur",
        "erreurs", "bloque", "souci", "soucis", "rame", "charge pas", "passe pas",
    ];

    private static readonly string[] ProblemWords = ["incident", "incidents", "ok", "bug", "bugs", .. ProblemEnglish, .. ProblemFrench];

    private static readonly string[] FailedEnglish = ["can t", "cant", "cannot", "won t", "unable to"];

    private static readonly string[] FailedFrench = ["impossible de", "impossible d", "n arrive pas a"];

    // "I can't log in", "unable to connect to the api", "impossible de me connecter au site": a failed attempt at
    // something the service is for. Only these verbs, so "I can't wait for the new website" stays chatter.
    private static readonly string[] FailedAttempts =
    [
        .. from prefix in FailedEnglish.Concat(FailedFrench)
           from verb in new[] { "log", "sign", "connect", "access", "watch", "load", "pay", "reach", "open", "play", "stream",
                                "me connecter", "se connecter", "acceder", "regarder", "payer", "charger", "ouvrir" }
           select prefix + " " + verb,
    ];

    private static readonly string[] OverviewEnglish =
    [
        "any outage", "any outages", "anything down", "everything ok", "everything okay", "everything working", "everything up",
        "all good", "any issues", "any issue", "any problems", "any problem", "any incident", "any incidents", "something down",
        "what s down", "what is down", "whats down", "is it down", "is it just me", "status page",
    ];

    private static readonly string[] OverviewFrench =
    [
        "tout fonctionne", "tout marche", "tout va bien", "des pannes", "une panne", "y a t il une panne", "il y a une panne",
        "y a une panne", "quelque chose en panne", "des problemes", "des incidents", "c est en panne", "c est moi ou",
    ];

    private static readonly string[] OverviewPhrases = [.. OverviewEnglish, .. OverviewFrench];

    private static readonly string[] NotQuestionsEnglish =
    [
        "what s up", "whats up", "sup", "thanks", "thank you", "thx", "what s up with you", "how are you", "good job", "well done", "lol",
    ];

    private static readonly string[] NotQuestionsFrench = ["merci", "ca va", "comment ca va", "bravo"];

    private static readonly string[] NotQuestions = [.. NotQuestionsEnglish, .. NotQuestionsFrench];

    private static readonly string[] HelpEnglish = ["help", "commands", "what can you do"];

    private static readonly string[] HelpFrench = ["aide", "commandes", "que sais tu faire"];

    private static readonly string[] HelpWords = [.. HelpEnglish, .. HelpFrench];

    private static readonly string[][] English = [WhyEnglish, WhenEnglish, ProblemEnglish, FailedEnglish, OverviewEnglish, NotQuestionsEnglish, HelpEnglish];

    private static readonly string[][] French = [WhyFrench, WhenFrench, ProblemFrench, FailedFrench, OverviewFrench, NotQuestionsFrench, HelpFrench];

    public static IntentMatch Match(string message, BoardState state)
    {
        var text = " " + ServiceIndex.Normalize(message) + " ";
        if (text.Trim().Length == 0)
        {
            return IntentMatch.None;
        }

        return MatchIntent(text, message, state) with { Language = LanguageOf(text) };
    }

    /// <summary>
    /// French when more of the French keywords than of the English ones are in the text, English for the reverse, and
    /// null when the keywords do not tell ("streaming ok ?").
    /// </summary>
    private static CultureInfo? LanguageOf(string normalized)
    {
        var english = English.Sum(list => list.Count(p => normalized.Contains(" " + p + " ", StringComparison.Ordinal)));
        var french = French.Sum(list => list.Count(p => normalized.Contains(" " + p + " ", StringComparison.Ordinal)));
        return french > english ? Locales.French : english > french ? Locales.English : null;
    }

    private static IntentMatch MatchIntent(string text, string message, BoardState state)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var question = message.Contains('?', StringComparison.Ordinal);
        if (StartsWithAny(text, NotQuestions) && !HasAny(text, WhyPhrases))
        {
            return IntentMatch.None;
        }

        if (words <= 4 && HasAny(text, HelpWords))
        {
            return new IntentMatch(IntentKind.Help, null) { Topic = HelpTopic(text) };
        }

        var service = FindService(text, state);
        var problem = HasAny(text, ProblemWords) || HasAny(text, FailedAttempts);
        var overview = HasAny(text, OverviewPhrases);

        if (HasAny(text, WhyPhrases) && (service is not null || problem || overview))
        {
            return new IntentMatch(IntentKind.Why, service);
        }

        if (HasAny(text, WhenPhrases) && (service is not null || problem || overview || HasAny(text, ["it", "ca", "this", "that"])))
        {
            return new IntentMatch(IntentKind.WhenBack, service);
        }

        if (service is not null && problem)
        {
            return new IntentMatch(IntentKind.Status, service);
        }

        if (overview || (problem && question && words <= 8))
        {
            return new IntentMatch(IntentKind.Status, service);
        }

        return service is not null && question && words <= 6 ? new IntentMatch(IntentKind.Unsure, service) : IntentMatch.None;
    }

    /// <summary>The command or group named after the help word ("aide incident open" → <c>incident open</c>), if any.</summary>
    private static string? HelpTopic(string text)
    {
        var word = HelpWords.First(p => text.Contains(" " + p + " ", StringComparison.Ordinal));
        var rest = text[(text.IndexOf(" " + word + " ", StringComparison.Ordinal) + word.Length + 2)..].Trim();
        var first = rest.Split(' ')[0];
        return Catalog.Find(rest) is { } spec ? spec.Name
            : Catalog.Find(first) is { } single ? single.Name
            : Catalog.Groups.FirstOrDefault(g => g == first);
    }

    private static string? FindService(string text, BoardState state)
    {
        foreach (var (phrase, id) in state.Index.Phrases)
        {
            if (text.Contains(" " + phrase + " ", StringComparison.Ordinal))
            {
                return id;
            }
        }

        return null;
    }

    private static bool HasAny(string text, IEnumerable<string> phrases) =>
        phrases.Any(p => text.Contains(" " + p + " ", StringComparison.Ordinal));

    private static bool StartsWithAny(string text, IEnumerable<string> phrases) =>
        phrases.Any(p => text.StartsWith(" " + p + " ", StringComparison.Ordinal));
}
