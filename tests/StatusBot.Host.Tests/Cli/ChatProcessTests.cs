namespace StatusBot.Host.Tests.Cli;

/// <summary>The session, piped into <c>statusbot chat</c> running as a real process.</summary>
public sealed class ChatProcessTests : IDisposable
{
    private const string Session =
        "/status\n" +
        "/incident open streaming major \"Streaming fails on many devices\" segments:\"TV, consoles\"\n" +
        "/status streaming\n" +
        "/why streaming\n" +
        "is streaming down?\n";

    private readonly string _data = Directory.CreateTempSubdirectory("statusbot-chat-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private Task<StatusBotProcess.Result> ChatAsync(string input, params string[] extra) =>
        StatusBotProcess.RunAsync(input, ["chat", "--config", StatusBotProcess.DefaultConfig, "--data", _data, .. extra]);

    private static string[] Answers(string output) =>
        output.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Chat_ScriptedConversation_SensibleAnswerToEachLine()
    {
        var result = await ChatAsync(Session);

        Assert.Equal(0, result.ExitCode);
        var answers = Answers(result.Output);
        Assert.Equal(5, answers.Length);
        Assert.StartsWith("All systems operational\n  🟢 Streaming — Operational", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("Opened INC-1 · Streaming fails on many devices", answers[1], StringComparison.Ordinal);
        Assert.Contains("Affected: TV, consoles", answers[1], StringComparison.Ordinal);
        Assert.StartsWith("🟠 Streaming: Partial outage", answers[2], StringComparison.Ordinal);
        Assert.Contains("Next update by", answers[2], StringComparison.Ordinal);
        Assert.StartsWith("Why: INC-1 · Streaming fails on many devices", answers[3], StringComparison.Ordinal);
        Assert.Contains("Our engineers are investigating", answers[3], StringComparison.Ordinal);
        Assert.StartsWith("🟠 Streaming: Partial outage", answers[4], StringComparison.Ordinal);
        Assert.Contains("— Same as: status streaming", answers[4], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_LocaleFr_AnswersInFrench()
    {
        var result = await ChatAsync(Session + "pourquoi le streaming est en panne ?\n", "--locale", "fr");

        Assert.Equal(0, result.ExitCode);
        var answers = Answers(result.Output);
        Assert.Equal(6, answers.Length);
        Assert.StartsWith("Tous les services fonctionnent", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("Incident ouvert : INC-1 · Streaming fails on many devices", answers[1], StringComparison.Ordinal);
        Assert.Contains("Touchés : TV, consoles", answers[1], StringComparison.Ordinal);
        Assert.StartsWith("🟠 Streaming : Panne partielle", answers[2], StringComparison.Ordinal);
        Assert.Contains("Prochaine mise à jour avant", answers[2], StringComparison.Ordinal);
        Assert.StartsWith("Pourquoi : INC-1", answers[3], StringComparison.Ordinal);
        Assert.Contains("— Équivaut à : status streaming", answers[4], StringComparison.Ordinal);
        Assert.Contains("— Équivaut à : why streaming", answers[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_Viewer_RefusedIncidentOpenAndNothingChanged()
    {
        var result = await ChatAsync("incident open streaming major \"Streaming fails\"\nstatus\nincident list\n", "--viewer");

        Assert.Equal(0, result.ExitCode);
        var answers = Answers(result.Output);
        Assert.StartsWith("⚠ Only admins can run 'incident open'.", answers[0], StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("All systems operational", answers[1], StringComparison.Ordinal);
        Assert.StartsWith("No open incidents", answers[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MalformedLines_UsageOrErrorNeverAStackTrace()
    {
        var input = string.Join('\n',
            "/reboot",
            "incident open",
            "status teleport",
            "incident show 42",
            "incident open streaming major " + new string('x', 3000),
            "incident open streaming major \"Down\u001b[2J\"",
            "incident open streaming major \"never closed",
            "status") + "\n";

        var result = await ChatAsync(input);

        Assert.Equal(0, result.ExitCode);
        var answers = Answers(result.Output);
        Assert.Equal(8, answers.Length);
        Assert.All(answers.Take(7), a => Assert.StartsWith("⚠ ", a, StringComparison.Ordinal));
        Assert.StartsWith("All systems operational", answers[7], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Output);
    }

    [Fact]
    public async Task Chat_LocaleFromEnvironmentVariable_AnswersInFrench()
    {
        var environment = new Dictionary<string, string> { ["StatusBot__Locale"] = "fr" };

        var result = await StatusBotProcess.RunAsync("status\n", environment, "chat", "--config", StatusBotProcess.DefaultConfig, "--data", _data);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Tous les services fonctionnent", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ConfigFromEnvironmentVariable_IsTheOneRead()
    {
        var path = Path.Combine(_data, "one-service.json");
        await File.WriteAllTextAsync(path, """{ "StatusBot": { "Services": [ { "Id": "radio", "Name": "Radio" } ] } }""");
        var environment = new Dictionary<string, string> { ["STATUSBOT_CONFIG"] = path };

        var result = await StatusBotProcess.RunAsync("status\n", environment, "chat", "--data", _data);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("All systems operational\n  🟢 Radio — Operational\n  — No open incidents", Answers(result.Output)[0]);
    }

    [Fact]
    public async Task Chat_ViewerDenied_TheWarningGoesToTheLogFileNotTheTerminal()
    {
        var result = await ChatAsync("incident open streaming major \"Streaming fails\"\nstatus\n", "--viewer");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("⚠ Only admins can run 'incident open'.", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
        var log = await File.ReadAllTextAsync(Path.Combine(_data, "chat.log"));
        Assert.Contains("Denied admin command incident open to console user", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_AtATerminal_NoLogLineBetweenAnswersAndCtrlDEndsThePromptLine()
    {
        await using var terminal = TerminalProcess.Start("chat", "--viewer", "--config", StatusBotProcess.DefaultConfig, "--data", _data);
        await terminal.WaitForAsync("> ");

        await terminal.TypeAsync("incident open streaming major Down\n");
        await terminal.WaitForAsync("> ", times: 2);
        await terminal.TypeAsync("\u0004");
        var exitCode = await terminal.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        var screen = terminal.Screen.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("> ⚠ Only admins can run 'incident open'.\n  Nothing was changed.", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Denied admin command", screen, StringComparison.Ordinal);
        Assert.EndsWith("\n> \n", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_NoLocale_FrenchQuestionInFrenchEnglishQuestionInEnglish()
    {
        var result = await ChatAsync("pourquoi le streaming est en panne ?\nwhy is streaming down?\naide incident\n/stauts\nincident opne streaming major Down\n");

        Assert.Equal(0, result.ExitCode);
        var answers = Answers(result.Output);
        Assert.StartsWith("Aucune panne enregistrée pour Streaming", answers[0], StringComparison.Ordinal);
        Assert.StartsWith("Streaming has no recorded outage", answers[1], StringComparison.Ordinal);
        Assert.StartsWith("Commandes « incident »", answers[2], StringComparison.Ordinal);
        Assert.Contains("<impact> : Gravité ; elle fixe le statut des services touchés · au choix : none (opérationnel), minor (performances dégradées)", answers[2], StringComparison.Ordinal);
        Assert.StartsWith("⚠ Unknown command 'stauts'; did you mean status?", answers[3], StringComparison.Ordinal);
        Assert.StartsWith("⚠ Unknown command 'incident opne'; did you mean incident open?", answers[4], StringComparison.Ordinal);
    }
}
