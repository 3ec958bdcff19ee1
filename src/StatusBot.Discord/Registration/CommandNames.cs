using System.Globalization;

namespace StatusBot.Discord.Registration;

/// <summary>
/// The command and option words in each language StatusBot speaks, keyed by Discord's locale code, shown by Discord to
/// users of that language. Interactions always carry the default (English) names, so these change nothing in how
/// commands are read.
/// </summary>
internal static class CommandNames
{
    /// <summary>Discord's locale code for each supported language other than English (es-419 falls back to es-ES).</summary>
    public static IReadOnlyList<(string Discord, CultureInfo Culture)> Locales { get; } =
    [
        ("fr", StatusBot.Core.Text.Locales.French),
        ("de", StatusBot.Core.Text.Locales.German),
        ("es-ES", StatusBot.Core.Text.Locales.Spanish),
        ("pt-BR", StatusBot.Core.Text.Locales.BrazilianPortuguese),
        ("ja", StatusBot.Core.Text.Locales.Japanese),
    ];

    // One row per English word: French, German, Spanish, Brazilian Portuguese, Japanese.
    private static readonly Dictionary<string, string[]> Words = new(StringComparer.Ordinal)
    {
        ["status"] = ["statut", "status", "estado", "status", "ステータス"],
        ["why"] = ["pourquoi", "warum", "porqué", "porque", "なぜ"],
        ["history"] = ["historique", "verlauf", "historial", "histórico", "履歴"],
        ["uptime"] = ["disponibilité", "verfügbarkeit", "disponibilidad", "disponibilidade", "稼働率"],
        ["help"] = ["aide", "hilfe", "ayuda", "ajuda", "ヘルプ"],
        ["incident"] = ["incident", "störung", "incidente", "incidente", "インシデント"],
        ["service"] = ["service", "dienst", "servicio", "serviço", "サービス"],
        ["list"] = ["liste", "liste", "lista", "lista", "一覧"],
        ["show"] = ["voir", "anzeigen", "ver", "ver", "表示"],
        ["open"] = ["ouvrir", "eröffnen", "abrir", "abrir", "起票"],
        ["update"] = ["actualiser", "aktualisieren", "actualizar", "atualizar", "更新"],
        ["cause"] = ["cause", "ursache", "causa", "causa", "原因"],
        ["resolve"] = ["résoudre", "beheben", "resolver", "resolver", "解決"],
        ["apologize"] = ["excuses", "entschuldigen", "disculpa", "desculpas", "お詫び"],
        ["set"] = ["définir", "setzen", "fijar", "definir", "設定"],
        ["services"] = ["services", "dienste", "servicios", "serviços", "対象サービス"],
        ["days"] = ["jours", "tage", "días", "dias", "日数"],
        ["id"] = ["id", "id", "id", "id", "id"],
        ["impact"] = ["impact", "auswirkung", "impacto", "impacto", "影響"],
        ["title"] = ["titre", "titel", "título", "título", "タイトル"],
        ["segments"] = ["segments", "segmente", "segmentos", "segmentos", "対象"],
        ["users"] = ["utilisateurs", "nutzer", "usuarios", "usuários", "ユーザー数"],
        ["message"] = ["message", "nachricht", "mensaje", "mensagem", "メッセージ"],
        ["confidence"] = ["certitude", "sicherheit", "certeza", "certeza", "確度"],
        ["text"] = ["texte", "text", "texto", "texto", "内容"],
        ["upstream"] = ["fournisseur", "anbieter", "proveedor", "fornecedor", "外部サービス"],
        ["note"] = ["note", "hinweis", "nota", "nota", "お知らせ"],
        ["command"] = ["commande", "befehl", "comando", "comando", "コマンド"],
        ["channel"] = ["salon", "kanal", "canal", "canal", "チャンネル"],
        ["subscribe"] = ["abonner", "abonnieren", "suscribir", "inscrever", "購読"],
        ["unsubscribe"] = ["désabonner", "abbestellen", "desuscribir", "cancelar-inscrição", "購読解除"],
        ["locale"] = ["langue", "sprache", "idioma", "idioma", "言語"],
        ["maintenance"] = ["maintenance", "wartung", "mantenimiento", "manutenção", "メンテナンス"],
        ["schedule"] = ["planifier", "planen", "programar", "programar", "予定"],
        ["cancel"] = ["annuler", "absagen", "cancelar", "cancelar", "中止"],
        ["start"] = ["début", "beginn", "inicio", "início", "開始"],
        ["duration"] = ["durée", "dauer", "duración", "duração", "期間"],
        ["postmortem"] = ["postmortem", "postmortem", "postmortem", "postmortem", "ポストモーテム"],
        ["step"] = ["étape", "schritt", "paso", "etapa", "操作"],
        ["body"] = ["contenu", "inhalt", "contenido", "conteúdo", "本文"],
        ["publish"] = ["publier", "veröffentlichen", "publicar", "publicar", "公開投稿"],
        ["approve"] = ["approuver", "freigeben", "aprobar", "aprovar", "承認"],
        ["skip"] = ["écarter", "verwerfen", "descartar", "descartar", "見送り"],
        ["edit"] = ["modifier", "bearbeiten", "editar", "editar", "編集"],
        ["draft"] = ["brouillon", "entwurf", "borrador", "rascunho", "下書き"],
        ["scope"] = ["portée", "umfang", "alcance", "escopo", "範囲"],
        ["follow"] = ["suivre", "folgen", "seguir", "seguir", "フォロー"],
        ["unfollow"] = ["ne-plus-suivre", "entfolgen", "dejar-de-seguir", "deixar-de-seguir", "フォロー解除"],
        ["following"] = ["suivis", "gefolgt", "siguiendo", "seguindo", "フォロー中"],
        ["resolved"] = ["résolu", "behoben", "resuelto", "resolvido", "解決時のみ"],
    };

    /// <summary>The word in every language, keyed by Discord locale, or null when it has no translation (Discord then shows the default).</summary>
    public static Dictionary<string, string>? Of(string word) =>
        Words.TryGetValue(word, out var names)
            ? Locales.Select((l, i) => (l.Discord, Name: names[i])).ToDictionary(p => p.Discord, p => p.Name, StringComparer.Ordinal)
            : null;

    /// <summary>Every English word that has translations.</summary>
    public static IEnumerable<string> Known => Words.Keys;
}
