using System.CommandLine;
using Microsoft.Extensions.Options;
using StatusBot.Announcing;
using StatusBot.Discord.Registration;
using StatusBot.Host.Configuration;
using StatusBot.Host.ConsolePlatform;
using StatusBot.Host.Hosting;
using StatusBot.Slack.Configuration;
using StatusBot.Slack.Manifest;
using StatusBot.Storage;

namespace StatusBot.Host.Cli;

/// <summary>
/// The command line: <c>serve</c> (the default), <c>chat</c>, <c>demo</c>, <c>healthcheck</c>, <c>slack manifest</c>,
/// <c>discord register</c> and <c>templates</c>, with <c>--config</c>, <c>--data</c> and <c>--urls</c>.
/// </summary>
public static class StatusBotCli
{
    private static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "Configuration file (default: config/statusbot.json; also STATUSBOT_CONFIG)",
        Recursive = true,
    };

    private static readonly Option<string?> DataOption = new("--data")
    {
        Description = "Data directory (overrides StatusBot:Storage:DataDirectory)",
        Recursive = true,
    };

    private static readonly Option<string?> UrlsOption = new("--urls")
    {
        Description = "Listen URLs (default http://localhost:8080)",
        Recursive = true,
    };

    private static readonly Option<bool> ViewerOption = new("--viewer") { Description = "Chat as a non-admin user" };

    private static readonly Option<string?> GuildOption = new("--guild") { Description = "Register in this guild only (instant; for testing)" };

    private static readonly Option<string?> LocaleOption = new("--locale") { Description = "Language of the answers: en, fr, de, es, pt-BR or ja" };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("StatusBot: answers \"is it down? why? when is it back?\" on Discord, Slack and the console.");
        root.Options.Add(ConfigOption);
        root.Options.Add(DataOption);
        root.Options.Add(UrlsOption);

        var serve = new Command("serve", "Run the bot and its web endpoints (the default)");
        serve.SetAction((parse, cancellationToken) => GuardAsync(() => ServeAsync(Settings(parse), cancellationToken)));
        root.SetAction((parse, cancellationToken) => GuardAsync(() => ServeAsync(Settings(parse), cancellationToken)));
        root.Subcommands.Add(serve);

        var chat = new Command("chat", "Talk to the bot in this terminal, as the local admin (reads standard input; works piped)");
        chat.Options.Add(ViewerOption);
        chat.Options.Add(LocaleOption);
        chat.SetAction((parse, cancellationToken) =>
            GuardAsync(() => ChatAsync(Settings(parse), parse.GetValue(ViewerOption), parse.GetValue(LocaleOption), cancellationToken)));
        root.Subcommands.Add(chat);

        var demo = new Command("demo", "Replay the Christmas Eve 2012 outage on an accelerated clock, in about a minute");
        var fast = new Option<bool>("--fast") { Description = "No pauses between chapters" };
        var web = new Option<bool>("--web") { Description = "Also serve the status page of the story at --urls, and keep it up until Ctrl+C" };
        demo.Options.Add(fast);
        demo.Options.Add(web);
        demo.SetAction((parse, cancellationToken) =>
            GuardAsync(() => DemoAsync(parse.GetValue(fast), parse.GetValue(web) ? parse.GetValue(UrlsOption) ?? CliSettings.DefaultUrls : null, cancellationToken)));
        root.Subcommands.Add(demo);

        var health = new Command("healthcheck", "Exit 0 when the running bot answers GET /healthz (for container health checks)");
        var urlOption = new Option<string?>("--url") { Description = "Health URL (default: /healthz at --urls, else ASPNETCORE_URLS, else http://localhost:8080)" };
        health.Options.Add(urlOption);
        health.SetAction((parse, cancellationToken) => HealthCheck.RunAsync(
            parse.GetValue(urlOption) ?? HealthCheck.UrlFor(parse.GetValue(UrlsOption) ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS")),
            cancellationToken));
        root.Subcommands.Add(health);

        var slack = new Command("slack", "Slack helpers");
        var manifest = new Command("manifest", "Print the Slack app manifest (YAML) for this configuration");
        manifest.SetAction((parse, _) => GuardAsync(() => SlackManifestAsync(Settings(parse))));
        slack.Subcommands.Add(manifest);
        root.Subcommands.Add(slack);

        var discord = new Command("discord", "Discord application commands");
        var register = new Command("register", "Replace the Discord slash commands with the catalog's (global, or one guild with --guild)");
        register.Options.Add(GuildOption);
        register.SetAction((parse, cancellationToken) =>
            GuardAsync(() => RegisterDiscordAsync(Settings(parse), parse.GetValue(GuildOption), cancellationToken)));
        discord.Subcommands.Add(register);
        root.Subcommands.Add(discord);

        var templates = new Command("templates", "Print the default announcement templates (Liquid), each under its configuration key, with its variables");
        templates.Options.Add(LocaleOption);
        templates.SetAction(parse => PrintTemplates(parse.GetValue(LocaleOption)));
        root.Subcommands.Add(templates);

        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Every kind's built-in template in every language (or one with <c>--locale</c>), ready to copy into the configuration.</summary>
    private static int PrintTemplates(string? locale)
    {
        if (locale is not null && !Locales.IsSupported(locale))
        {
            Console.Error.WriteLine($"--locale must be one of {string.Join(", ", Locales.Supported)} (was '{locale}').");
            return 2;
        }

        var languages = locale is null ? Locales.Supported : [Locales.Canonical(locale)!];
        foreach (var kind in Enum.GetValues<PostKind>())
        {
            foreach (var language in languages)
            {
                Console.Out.WriteLine($"## {AnnouncementOptions.Section}:Templates:{kind}:{language}");
                Console.Out.WriteLine($"## variables: {string.Join(", ", PostTemplates.VariablesOf(kind))}");
                Console.Out.WriteLine(PostTemplates.Default(kind, language));
                Console.Out.WriteLine();
            }
        }

        return 0;
    }

    private static async Task<int> DemoAsync(bool fast, string? webUrls, CancellationToken cancellationToken)
    {
        WebApplication? page = null;

        // The page's host takes SIGTERM (docker stop, systemd) to stop itself gracefully; the demo must end with it, not
        // wait for a Ctrl+C that never comes.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var script = new Demo.DemoScript(Console.Out, fast ? TimeSpan.Zero : TimeSpan.FromSeconds(6))
            {
                BoardStarted = webUrls is null ? null : async (board, clock, ct) =>
                {
                    page = await Demo.DemoWeb.StartAsync(webUrls, board, clock, ct);
                    page.Lifetime.ApplicationStopping.Register(stop.Cancel);
                    Console.Out.WriteLine($"Status page of the story: {Demo.DemoWeb.Address(page)}");
                },
            };
            await script.RunAsync(stop.Token);
            if (page is not null)
            {
                Console.Out.WriteLine($"The status page stays up at {Demo.DemoWeb.Address(page)}; press Ctrl+C to stop.");
                await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Stopped by a signal to the page's host in the middle of the story.
            return 0;
        }
        finally
        {
            if (page is not null)
            {
                await page.DisposeAsync();
            }
        }
    }

    private static CliSettings Settings(ParseResult parse) =>
        new(parse.GetValue(ConfigOption), parse.GetValue(DataOption), parse.GetValue(UrlsOption));

    private static async Task<int> ServeAsync(CliSettings cli, CancellationToken cancellationToken)
    {
        await using var app = StatusBotWebApp.Create(cli);
        _ = app.Services.GetRequiredService<IOptions<StatusBotOptions>>().Value;
        var urls = app.Configuration[WebHostDefaults.ServerUrlsKey];
        try
        {
            await app.RunAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await Console.Error.WriteLineAsync(
                $"StatusBot cannot start: {BoundAddress(ex.Message) ?? urls} (--urls) is already in use by another program; stop it, or pass --urls with a free port (for example --urls http://localhost:8081).");
            return 2;
        }

        return 0;
    }

    /// <summary>The address Kestrel names in "Failed to bind to address http://127.0.0.1:8080: address already in use.".</summary>
    private static string? BoundAddress(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, @"address (\S+?): address already in use", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)) is { Success: true } m
            ? m.Groups[1].Value
            : null;

    private static async Task<int> SlackManifestAsync(CliSettings cli)
    {
        var configuration = new ConfigurationBuilder();
        configuration.AddStatusBotSources(ConfigurationLoader.ResolvePath(cli.ConfigPath), cli.Overrides());
        var settings = configuration.Build();
        if (ConfigurationSchema.UnknownKeys(settings) is { Count: > 0 } unknown)
        {
            throw new OptionsValidationException(StatusBotOptions.Section, typeof(StatusBotOptions), unknown);
        }

        var options = new SlackOptions();
        settings.GetSection(SlackOptions.Section).Bind(options);
        if (!options.SocketMode)
        {
            // In HTTP mode Slack calls the request URLs: a placeholder or this machine's address would be refused by Slack.
            if (PublicAddress.Configured(settings) is not { } configured)
            {
                await Console.Error.WriteLineAsync(
                    $"StatusBot cannot print the Slack manifest: {PublicAddress.Key} is not set. Slack calls the bot at its public https address " +
                    $"(…/slack/commands, …/slack/events); set {PublicAddress.Key} (environment StatusBot__Web__PublicUrl) to it, or use Socket Mode (StatusBot:Slack:AppToken).");
                return 2;
            }

            if (PublicAddress.IsUnreachable(configured.Url))
            {
                await Console.Error.WriteLineAsync(
                    $"StatusBot cannot print the Slack manifest: {configured.Key} is {configured.Url}, a placeholder or this machine's own address that Slack cannot reach; " +
                    "set it to the bot's public https address, or use Socket Mode (StatusBot:Slack:AppToken).");
                return 2;
            }

            options.PublicUrl = configured.Url;
        }

        await Console.Out.WriteAsync(SlackManifest.Generate(options));
        return 0;
    }

    private static async Task<int> ChatAsync(CliSettings cli, bool viewer, string? locale, CancellationToken cancellationToken)
    {
        if (locale is not null && !Locales.IsSupported(locale))
        {
            await Console.Error.WriteLineAsync($"--locale must be one of {string.Join(", ", Locales.Supported)} (was '{locale}').");
            return 2;
        }

        // With a bot serving the same data directory, talk to it (its page and channels change); otherwise run alone.
        var configuration = new ConfigurationBuilder();
        configuration.AddStatusBotSources(ConfigurationLoader.ResolvePath(cli.ConfigPath), cli.Overrides());
        var settings = configuration.Build();
        var storage = new StorageOptions();
        settings.GetSection(StorageOptions.Section).Bind(storage);
        if (!storage.UsesPostgres && await LocalConsoleClient.TryConnectAsync(storage.FullDataDirectory, cancellationToken) is { } socket)
        {
            var culture = Locales.Resolve(locale ?? settings[$"{StatusBotOptions.Section}:Locale"]);
            return await LocalConsoleClient.RunAsync(socket, storage.FullDataDirectory, Console.In, Console.Out, viewer, culture, locale is null, !Console.IsInputRedirected, cancellationToken);
        }

        using var host = StatusBotConsoleHost.Create(cli, ChatLog.WriteToFile);

        // Read (and so validate) the options before starting: a failed start is logged with a stack trace by the host.
        var options = host.Services.GetRequiredService<IOptions<StatusBotOptions>>().Value;
        await host.StartAsync(cancellationToken);
        try
        {
            var caller = ConsoleChat.Operator(viewer, Locales.Resolve(locale ?? options.Locale)) with { CultureIsDefault = locale is null };
            var chat = host.Services.GetRequiredService<ConsoleChat>();
            var interactive = !Console.IsInputRedirected;
            return await chat.RunAsync(Console.In, Console.Out, caller, interactive, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> RegisterDiscordAsync(CliSettings cli, string? guild, CancellationToken cancellationToken)
    {
        using var host = StatusBotConsoleHost.Create(cli);
        var registrar = host.Services.GetRequiredService<CommandRegistrar>();
        return await registrar.RegisterAsync(guild, Console.Out, cancellationToken);
    }

    /// <summary>A broken configuration or a refused start ends the program with a message that names the problem, not a stack trace.</summary>
    private static async Task<int> GuardAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("StatusBot cannot start: the configuration is invalid.");
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync("  " + failure);
            }

            return 2;
        }
        catch (ConfigurationFileMissingException ex)
        {
            await Console.Error.WriteLineAsync("StatusBot cannot start: " + ex.Message);
            return 2;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync("StatusBot cannot start: " + ex.Message);
            return 2;
        }
        catch (StorageException ex)
        {
            await Console.Error.WriteLineAsync("StatusBot cannot start: " + ex.Message);
            return 2;
        }
        catch (StartupException ex)
        {
            await Console.Error.WriteLineAsync("StatusBot cannot start: " + ex.Message);
            return 2;
        }
    }
}
