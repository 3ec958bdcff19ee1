namespace StatusBot.Discord.Registration;

/// <summary>
/// French names of the command and option words, shown by Discord to French-speaking users. Interactions always carry
/// the default (English) names, so these change nothing in how commands are read.
/// </summary>
internal static class FrenchNames
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["status"] = "statut",
        ["why"] = "pourquoi",
        ["history"] = "historique",
        ["uptime"] = "disponibilité",
        ["help"] = "aide",
        ["incident"] = "incident",
        ["service"] = "service",
        ["list"] = "liste",
        ["show"] = "voir",
        ["open"] = "ouvrir",
        ["update"] = "actualiser",
        ["cause"] = "cause",
        ["resolve"] = "résoudre",
        ["apologize"] = "excuses",
        ["set"] = "définir",
        ["services"] = "services",
        ["days"] = "jours",
        ["id"] = "id",
        ["impact"] = "impact",
        ["title"] = "titre",
        ["segments"] = "segments",
        ["users"] = "utilisateurs",
        ["message"] = "message",
        ["confidence"] = "certitude",
        ["text"] = "texte",
        ["upstream"] = "fournisseur",
        ["note"] = "note",
        ["command"] = "commande",
    };

    /// <summary>The French word, or the English one when there is no translation (Discord then shows the default).</summary>
    public static string Of(string word) => Words.GetValueOrDefault(word, word);

    public static bool Has(string word) => Words.ContainsKey(word);
}
