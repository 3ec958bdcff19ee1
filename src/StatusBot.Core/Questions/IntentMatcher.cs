using StatusBot.Core.State;

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
    private static readonly string[] WhyPhrases =
    [
        "why", "cause", "caused", "reason", "what happened", "what s wrong", "whats wrong", "what is wrong", "what s going on",
        "what is going on", "root cause", "pourquoi", "raison", "que se passe", "qu est ce qui se passe", "qu est ce qui arrive",
        "quelle est la cause", "c est quoi le probleme", "d ou vient",
    ];

    private static readonly string[] WhenPhrases =
    [
        "when", "eta", "how long", "back up", "be back", "come back", "coming back", "fixed", "restored", "any news", "back yet", "quand",
        "combien de temps", "revient", "reviendra", "de retour", "retabli", "repare", "remarche", "des nouvelles",
    ];

    private static readonly string[] ProblemWords =
    [
        "down", "up", "working", "work", "works", "broken", "broke", "outage", "outages", "offline", "online", "slow", "lag", "laggy",
        "lagging", "status", "issue", "issues", "problem", "problems", "incident", "incidents", "error", "errors", "failing", "fail",
        "fails", "failed", "ok", "okay", "available", "unavailable", "dead", "buffering", "loading", "load", "panne", "pannes", "marche",
        "marchent", "fonctionne", "fonctionnent", "lent", "lente", "hors service", "hors ligne", "en ligne", "statut", "etat", "probleme",
        "problemes", "bug", "bugs", "plante", "dispo", "disponible", "indisponible", "coupe", "coupure", "erreur", "erreurs", "bloque",
        "souci", "soucis", "rame", "charge pas", "passe pas",
    ];

    // "I can't log in", "unable to connect to the api", "impossible de me connecter au site": a failed attempt at
    // something the service is for. Only these verbs, so "I can't wait for the new website" stays chatter.
    private static readonly string[] FailedAttempts =
    [
        .. from prefix in new[] { "can t", "cant", "cannot", "won t", "unable to", "impossible de", "impossible d", "n arrive pas a" }
           from verb in new[] { "log", "sign", "connect", "access", "watch", "load", "pay", "reach", "open", "play", "stream",
                                "me connecter", "se connecter", "acceder", "regarder", "payer", "charger", "ouvrir" }
           select prefix + " " + verb,
    ];

    private static readonly string[] OverviewPhrases =
    [
        "any outage", "any outages", "anything down", "everything ok", "everything okay", "everything working", "everything up",
        "all good", "any issues", "any issue", "any problems", "any problem", "any incident", "any incidents", "something down",
        "what s down", "what is down", "whats down", "is it down", "is it just me", "status page", "tout fonctionne", "tout marche",
        "tout va bien", "des pannes", "une panne", "y a t il une panne", "il y a une panne", "y a une panne", "quelque chose en panne",
        "des problemes", "des incidents", "c est en panne", "c est moi ou",
    ];

    private static readonly string[] NotQuestions =
    [
        "what s up", "whats up", "sup", "thanks", "thank you", "thx", "merci", "what s up with you", "how are you", "ca va",
        "comment ca va", "good job", "well done", "bravo", "lol",
    ];

    private static readonly string[] HelpWords = ["help", "aide", "commands", "commandes", "what can you do", "que sais tu faire"];

    public static IntentMatch Match(string message, BoardState state)
    {
        var text = " " + ServiceIndex.Normalize(message) + " ";
        if (text.Trim().Length == 0)
        {
            return IntentMatch.None;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var question = message.Contains('?', StringComparison.Ordinal);
        if (StartsWithAny(text, NotQuestions) && !HasAny(text, WhyPhrases))
        {
            return IntentMatch.None;
        }

        if (words <= 4 && HasAny(text, HelpWords))
        {
            return new IntentMatch(IntentKind.Help, null);
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
