using System.Globalization;
using StatusBot.Core.Commands;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Questions;

/// <summary>
/// Maps questions in plain English, French, German, Spanish, Brazilian Portuguese or Japanese ("is streaming down?",
/// "pourquoi le site est lent ?", "warum ist Streaming ausgefallen?", "streamingは落ちてる？") to the same handlers as the
/// commands. Deliberately small and predictable: keywords and phrases on accent-free lower-case text, service
/// names and aliases from the configuration. A message is a question only when it names a service together with a
/// problem word, or asks about everything in a recognised way; anything else is left alone, so chatter in a channel
/// is never answered.
/// </summary>
public static class IntentMatcher
{
    // Each list in one part per language: the parts that match also tell which language the message is in. Japanese
    // phrases match anywhere in the text (Japanese puts no spaces between words); the others match whole words.
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

    private static readonly string[] WhyGerman = ["warum", "wieso", "weshalb", "was ist los", "was ist passiert", "ursache", "grund"];

    private static readonly string[] WhySpanish =
    [
        "por que", "porque", "que pasa", "que ha pasado", "que paso", "cual es el problema", "motivo", "razon",
    ];

    private static readonly string[] WhyPortuguese =
    [
        "por que", "porque", "o que houve", "o que aconteceu", "o que esta acontecendo", "qual o problema", "qual e o problema",
    ];

    private static readonly string[] WhyJapanese = Japanese("なぜ", "何で", "なんで", "どうして", "原因", "理由", "何が起き", "どうなって");

    private static readonly string[] WhyPhrases =
        ["cause", .. WhyEnglish, .. WhyFrench, .. WhyGerman, .. WhySpanish, .. WhyPortuguese, .. WhyJapanese];

    private static readonly string[] WhenEnglish =
    [
        "when", "eta", "how long", "back up", "be back", "come back", "coming back", "fixed", "restored", "any news", "back yet",
    ];

    private static readonly string[] WhenFrench =
    [
        "quand", "combien de temps", "revient", "reviendra", "de retour", "retabli", "repare", "remarche", "des nouvelles",
    ];

    private static readonly string[] WhenGerman =
    [
        "wann", "wie lange", "wieder da", "wieder online", "wieder erreichbar", "behoben", "repariert", "neuigkeiten",
    ];

    private static readonly string[] WhenSpanish =
    [
        "cuando", "cuanto tiempo", "vuelve", "volvera", "arreglado", "restablecido", "alguna novedad", "hay noticias",
    ];

    private static readonly string[] WhenPortuguese =
    [
        "quando", "quanto tempo", "volta", "vai voltar", "consertado", "normalizado", "alguma novidade", "tem novidade",
    ];

    private static readonly string[] WhenJapanese = Japanese("いつ", "どのくらい", "復旧", "直る", "治る", "戻る", "見込み");

    private static readonly string[] WhenPhrases =
        [.. WhenEnglish, .. WhenFrench, .. WhenGerman, .. WhenSpanish, .. WhenPortuguese, .. WhenJapanese];

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

    private static readonly string[] ProblemGerman =
    [
        "ausgefallen", "ausfall", "storung", "storungen", "kaputt", "funktioniert", "funktionieren", "geht nicht", "gehen nicht",
        "langsam", "fehler", "erreichbar", "hangt", "ladt nicht", "laggt",
    ];

    private static readonly string[] ProblemSpanish =
    [
        "caido", "caida", "se cayo", "funciona", "funcionan", "no funciona", "lento", "lenta", "fuera de servicio", "sin servicio", "errores",
        "problema", "problemas", "falla", "fallo", "no carga", "no va", "averia", "incidencia", "incidencias",
    ];

    private static readonly string[] ProblemPortuguese =
    [
        "caiu", "fora do ar", "funcionando", "funciona", "nao funciona", "lento", "travando", "travado", "erro", "erros", "problema",
        "problemas", "instavel", "nao carrega", "nao abre", "indisponivel",
    ];

    private static readonly string[] ProblemJapanese = Japanese(
        "落ち", "ダウン", "障害", "繋がら", "つながら", "使えない", "動かない", "遅い", "重い", "エラー", "不具合", "状態",
        "ステータス", "見れない", "見られない", "止まっ", "おかしい");

    private static readonly string[] ProblemWords =
    [
        "incident", "incidents", "ok", "bug", "bugs", .. ProblemEnglish, .. ProblemFrench, .. ProblemGerman, .. ProblemSpanish,
        .. ProblemPortuguese, .. ProblemJapanese,
    ];

    private static readonly string[] FailedEnglish = ["can t", "cant", "cannot", "won t", "unable to"];

    private static readonly string[] FailedFrench = ["impossible de", "impossible d", "n arrive pas a"];

    private static readonly string[] FailedGerman = ["kann mich nicht", "kann nicht"];

    private static readonly string[] FailedSpanish = ["no puedo", "no consigo"];

    private static readonly string[] FailedPortuguese = ["nao consigo", "nao da para"];

    private static readonly string[] FailedJapanese = Japanese("できない", "出来ない", "ログインでき", "見れな");

    // "I can't log in", "unable to connect to the api", "impossible de me connecter au site": a failed attempt at
    // something the service is for. Only these verbs, so "I can't wait for the new website" stays chatter.
    private static readonly string[] FailedAttempts =
    [
        .. from prefix in FailedEnglish.Concat(FailedFrench).Concat(FailedSpanish).Concat(FailedPortuguese)
           from verb in new[] { "log", "sign", "connect", "access", "watch", "load", "pay", "reach", "open", "play", "stream",
                                "me connecter", "se connecter", "acceder", "regarder", "payer", "charger", "ouvrir",
                                "entrar", "conectarme", "ver", "pagar", "cargar", "abrir", "acessar", "assistir", "carregar",
                                "conectar", "logar" }
           select prefix + " " + verb,
        .. from prefix in FailedGerman
           from verb in new[] { "einloggen", "anmelden", "verbinden", "zugreifen", "schauen", "bezahlen", "laden", "offnen" }
           select prefix + " " + verb,
        .. FailedJapanese,
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

    private static readonly string[] OverviewGerman =
    [
        "alles ok", "alles in ordnung", "gibt es eine storung", "gibt es storungen", "irgendwelche probleme", "liegt es an mir",
        "ist etwas down", "ist was kaputt",
    ];

    private static readonly string[] OverviewSpanish =
    [
        "todo bien", "todo funciona", "hay algun problema", "hay alguna caida", "hay problemas", "soy yo o", "algo caido",
    ];

    private static readonly string[] OverviewPortuguese =
    [
        "tudo certo", "tudo funcionando", "tudo ok", "algum problema", "e so comigo", "so comigo",
    ];

    private static readonly string[] OverviewJapanese = Japanese("何か障害", "障害はあります", "全部大丈夫", "問題ありますか", "私だけ");

    private static readonly string[] OverviewPhrases =
        [.. OverviewEnglish, .. OverviewFrench, .. OverviewGerman, .. OverviewSpanish, .. OverviewPortuguese, .. OverviewJapanese];

    private static readonly string[] NotQuestionsEnglish =
    [
        "what s up", "whats up", "sup", "thanks", "thank you", "thx", "what s up with you", "how are you", "good job", "well done", "lol",
    ];

    private static readonly string[] NotQuestionsFrench = ["merci", "ca va", "comment ca va", "bravo"];

    private static readonly string[] NotQuestionsGerman = ["danke", "vielen dank", "wie geht s", "wie geht es dir", "gut gemacht"];

    private static readonly string[] NotQuestionsSpanish = ["gracias", "muchas gracias", "que tal", "buen trabajo"];

    private static readonly string[] NotQuestionsPortuguese = ["obrigado", "obrigada", "valeu", "tudo bem", "bom trabalho"];

    private static readonly string[] NotQuestionsJapanese = Japanese("ありがとう", "お疲れ");

    private static readonly string[] NotQuestions =
    [
        .. NotQuestionsEnglish, .. NotQuestionsFrench, .. NotQuestionsGerman, .. NotQuestionsSpanish, .. NotQuestionsPortuguese,
        .. NotQuestionsJapanese,
    ];

    private static readonly string[] HelpEnglish = ["help", "commands", "what can you do"];

    private static readonly string[] HelpFrench = ["aide", "commandes", "que sais tu faire"];

    private static readonly string[] HelpGerman = ["hilfe", "befehle", "was kannst du"];

    private static readonly string[] HelpSpanish = ["ayuda", "comandos", "que sabes hacer"];

    private static readonly string[] HelpPortuguese = ["ajuda", "o que voce sabe fazer"];

    private static readonly string[] HelpJapanese = Japanese("ヘルプ", "使い方", "コマンド一覧");

    private static readonly string[] HelpWords = [.. HelpEnglish, .. HelpFrench, .. HelpGerman, .. HelpSpanish, .. HelpPortuguese, .. HelpJapanese];

    private static readonly (CultureInfo Culture, string[][] Lists)[] Languages =
    [
        (Locales.English, [WhyEnglish, WhenEnglish, ProblemEnglish, FailedEnglish, OverviewEnglish, NotQuestionsEnglish, HelpEnglish]),
        (Locales.French, [WhyFrench, WhenFrench, ProblemFrench, FailedFrench, OverviewFrench, NotQuestionsFrench, HelpFrench]),
        (Locales.German, [WhyGerman, WhenGerman, ProblemGerman, FailedGerman, OverviewGerman, NotQuestionsGerman, HelpGerman]),
        (Locales.Spanish, [WhySpanish, WhenSpanish, ProblemSpanish, FailedSpanish, OverviewSpanish, NotQuestionsSpanish, HelpSpanish]),
        (Locales.BrazilianPortuguese, [WhyPortuguese, WhenPortuguese, ProblemPortuguese, FailedPortuguese, OverviewPortuguese, NotQuestionsPortuguese, HelpPortuguese]),
        (Locales.Japanese, [WhyJapanese, WhenJapanese, ProblemJapanese, FailedJapanese, OverviewJapanese, NotQuestionsJapanese, HelpJapanese]),
    ];

    public static IntentMatch Match(string message, BoardState state)
    {
        var text = " " + SpaceScripts(ServiceIndex.Normalize(message)) + " ";
        if (text.Trim().Length == 0)
        {
            return IntentMatch.None;
        }

        return MatchIntent(text, message, state) with { Language = LanguageOf(text) };
    }

    /// <summary>
    /// The language with more of its keywords in the text than any other ("pourquoi … panne": French; "por que … caiu":
    /// Brazilian Portuguese, though "por que" is Spanish too), and null when the keywords do not tell ("streaming ok ?").
    /// </summary>
    private static CultureInfo? LanguageOf(string normalized)
    {
        var scores = Languages
            .Select(l => (l.Culture, Score: l.Lists.Sum(list => list.Count(p => Contains(normalized, p)))))
            .OrderByDescending(l => l.Score)
            .ToList();
        return scores[0].Score > 0 && scores[0].Score > scores[1].Score ? scores[0].Culture : null;
    }

    private static IntentMatch MatchIntent(string text, string message, BoardState state)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var question = message.Contains('?', StringComparison.Ordinal) || message.Contains('？', StringComparison.Ordinal);
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
        var word = HelpWords.First(p => Contains(text, p));
        var at = IsJapanese(word) ? text.IndexOf(word, StringComparison.Ordinal) + word.Length : text.IndexOf(" " + word + " ", StringComparison.Ordinal) + word.Length + 2;
        var rest = text[Math.Min(at, text.Length)..].Trim();
        var first = rest.Split(' ')[0];
        return Catalog.Find(rest) is { } spec ? spec.Name
            : Catalog.Find(first) is { } single ? single.Name
            : Catalog.Groups.FirstOrDefault(g => g == first);
    }

    private static string? FindService(string text, BoardState state)
    {
        foreach (var (phrase, id) in state.Index.Phrases)
        {
            if (Contains(text, phrase))
            {
                return id;
            }
        }

        return null;
    }

    private static bool HasAny(string text, IEnumerable<string> phrases) => phrases.Any(p => Contains(text, p));

    private static bool StartsWithAny(string text, IEnumerable<string> phrases) =>
        phrases.Any(p => text.StartsWith(IsJapanese(p) ? " " + p : " " + p + " ", StringComparison.Ordinal));

    /// <summary>A whole-word match, or anywhere in the text for a Japanese phrase.</summary>
    private static bool Contains(string text, string phrase) =>
        text.Contains(IsJapanese(phrase) ? phrase : " " + phrase + " ", StringComparison.Ordinal);

    private static bool IsJapanese(string phrase) => phrase.Length > 0 && IsCjk(phrase[0]);

    private static bool IsCjk(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uFF66' and <= '\uFF9F';

    /// <summary>Japanese phrases normalized as messages are (voicing marks dropped: "が" reads "か").</summary>
    private static string[] Japanese(params string[] phrases) => [.. phrases.Select(ServiceIndex.Normalize)];

    /// <summary>
    /// A space wherever Japanese meets Latin letters or digits, so "streamingは落ちてる" names the service "streaming"
    /// as a whole word.
    /// </summary>
    private static string SpaceScripts(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && text[i] != ' ' && text[i - 1] != ' ' && IsCjk(text[i]) != IsCjk(text[i - 1]))
            {
                sb.Append(' ');
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }
}
