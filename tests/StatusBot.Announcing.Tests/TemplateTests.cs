using StatusBot.Core.Replies;
using StatusBot.Testing.Announcing;

namespace StatusBot.Announcing.Tests;

/// <summary>
/// The built-in templates write exactly the sentences the bot has always written, in every language; an override replaces
/// one kind in one language only; a broken override is refused with its configuration key.
/// </summary>
public sealed class TemplateTests
{
    private const string OpenStreaming = "incident open streaming major \"Streaming fails on TV devices\" segments:\"TV, consoles\" users:27000000";

    private static readonly DateTimeOffset Now = new(2026, 12, 24, 21, 0, 0, TimeSpan.Zero);

    private static readonly PostTemplates Defaults = new();

    public static TheoryData<string> Languages() => [.. Locales.Supported];

    [Theory]
    [MemberData(nameof(Languages))]
    public void UpdateKinds_WriteTheStatusAndTheMessage_AsBefore(string language)
    {
        var l = Localizer.For(Locales.Resolve(language));
        var expected = l.Format(nameof(Strings.Announce_Update), "Identified", "Load balancers are failing");
        foreach (var kind in new[] { PostKind.Updated, PostKind.Upstream })
        {
            Assert.Equal(expected, Defaults.Render(kind, l, Now, Values(("status", "Identified"), ("message", "Load balancers are failing"))));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Holding_OneOrManyServices_WithOrWithoutSegments_AsBefore(string language)
    {
        var l = Localizer.For(Locales.Resolve(language));
        foreach (var (services, count, segments) in new[] { ("Streaming", 1, ""), ("Streaming", 1, "TV, consoles"), ("Streaming, Website", 2, "TV") })
        {
            var who = segments.Length > 0 ? l.Format(nameof(Strings.Apology_For), segments) : "";
            var key = count > 1 ? nameof(Strings.Apology_TemplateMany) : nameof(Strings.Apology_Template);
            var expected = l.Format(key, services, "partial outage", who, "30 minutes", "21:30 UTC");
            var values = Values(("services", services), ("services_count", count), ("status", "partial outage"), ("segments", segments), ("duration", "30 minutes"), ("next", "21:30 UTC"));
            Assert.Equal(expected, Defaults.Render(PostKind.Holding, l, Now, values));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Resolved_WritesItsLinesInOrder_SkippingWhatIsNotKnown(string language)
    {
        var l = Localizer.For(Locales.Resolve(language));
        var full = Values(("duration", "2 hours"), ("services", "Streaming"), ("segments", "TV"), ("users", "27 million"), ("cause", "Cause: X"), ("message", "Fixed."));
        Assert.Equal(
            [
                l.Format(nameof(Strings.Announce_Resolved), "2 hours", "Streaming"),
                l.Format(nameof(Strings.Announce_ResolvedSegments), "TV"),
                l.Format(nameof(Strings.Announce_ResolvedUsers), "27 million"),
                "Cause: X",
                "Fixed.",
                l[nameof(Strings.Announce_Apology)],
            ],
            Defaults.Lines(PostKind.Resolved, l, Now, full));

        var bare = Values(("duration", "2 hours"), ("services", "Streaming"), ("segments", ""), ("users", ""), ("cause", "Cause: X"), ("message", ""));
        Assert.Equal(
            [l.Format(nameof(Strings.Announce_Resolved), "2 hours", "Streaming"), "Cause: X", l[nameof(Strings.Announce_Apology)]],
            Defaults.Lines(PostKind.Resolved, l, Now, bare));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void MaintenanceStagesAndAdminNotices_TitleThenLines_AsBefore(string language)
    {
        var l = Localizer.For(Locales.Resolve(language));
        var stages = new Dictionary<PostKind, string>
        {
            [PostKind.MaintenanceScheduled] = nameof(Strings.Maintenance_Soon24h),
            [PostKind.MaintenanceStarting] = nameof(Strings.Maintenance_Soon10m),
            [PostKind.MaintenanceStarted] = nameof(Strings.Maintenance_Started),
            [PostKind.MaintenanceCompleted] = nameof(Strings.Maintenance_Ended),
            [PostKind.MaintenanceCancelled] = nameof(Strings.Maintenance_CancelledPost),
        };
        foreach (var (kind, key) in stages)
        {
            Assert.Equal(
                [l.Format(key, "DB upgrade"), "MNT-1 · window", l.Format(nameof(Strings.Maintenance_Services), "Streaming")],
                Defaults.Lines(kind, l, Now, Values(("title", "DB upgrade"), ("window", "MNT-1 · window"), ("services", "Streaming"))));
        }

        Assert.Equal(
            [l[nameof(Strings.Announce_ChannelGoneTitle)], l.Format(nameof(Strings.Announce_ChannelGone), "slack:T1:C1", "not_in_channel"), l[nameof(Strings.Announce_ChannelGoneFix)]],
            Defaults.Lines(PostKind.AdminChannelGone, l, Now, Values(("channel", "slack:T1:C1"), ("reason", "not_in_channel"))));
        Assert.Equal(
            [l.Format(nameof(Strings.Announce_UpstreamSilentTitle), "AWS ELB"), l.Format(nameof(Strings.Announce_UpstreamSilent), "INC-1", "Streaming", "10 minutes", "AWS ELB")],
            Defaults.Lines(PostKind.AdminUpstreamSilent, l, Now, Values(("id", "INC-1"), ("upstream", "AWS ELB"), ("services", "Streaming"), ("duration", "10 minutes"))));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ja")]
    public async Task TheCard_ByTheDefaultTemplate_IsTheIncidentSummary_AtEveryStage(string language)
    {
        await using var kit = await AnnounceKit.StartAsync();
        var renderer = new AnnouncementRenderer(new AnnouncementOptions());
        var l = Localizer.For(Locales.Resolve(language));
        void AssertSame()
        {
            var incident = kit.Bot.State.Incidents["INC-1"];
            var now = kit.Bot.Time.GetUtcNow();
            Assert.Equal(
                string.Join("\n", StatusViews.IncidentSummary(incident, kit.Bot.State, l, now, detailed: false)),
                string.Join("\n", renderer.Card(incident, kit.Bot.State, l, now).Lines));
        }

        await kit.RunAsync("incident open streaming major \"Streaming fails\"");
        AssertSame();
        kit.Bot.Advance(TimeSpan.FromMinutes(5));
        await kit.RunAsync(OpenStreaming.Replace("incident open streaming major \"Streaming fails on TV devices\"", "incident update INC-1 identified Load balancers", StringComparison.Ordinal) + " cause:\"AWS load balancers\"");
        AssertSame();
        kit.Bot.Advance(TimeSpan.FromMinutes(45));
        AssertSame();
        await kit.RunAsync("incident resolve INC-1");
        AssertSame();
    }

    [Fact]
    public async Task AFrenchOverride_IsUsedInFrenchChannels_EnglishChannelsKeepTheDefault()
    {
        var options = new AnnouncementOptions();
        options.Templates.Resolved["fr"] = "C'est réparé ({{ services }}, {{ duration }}).{% if users != \"\" %}\n{{ users }} personnes touchées.{% endif %}";
        options.Templates.Opened["fr"] = "Incident {{ id }} : {{ services }} en panne depuis {{ started_at | clock }}";
        await using var kit = await AnnounceKit.StartAsync(options);
        await kit.SubscribeAsync("C1", "C2");
        await kit.Bot.RunAsync("channel locale fr", AnnounceKit.AdminIn("C2"));
        await kit.RunAsync(OpenStreaming);
        await kit.PassAsync();
        kit.Bot.Advance(TimeSpan.FromMinutes(47));
        await kit.RunAsync("incident resolve INC-1");
        await kit.PassAsync();

        var replies = kit.Discord.Delivered(PublishCallKind.Reply).ToDictionary(r => r.Channel.ChannelId, r => r.Reply.Lines);
        Assert.Equal("C'est réparé (Streaming, 47 minutes).\n27 millions personnes touchées.", string.Join("\n", replies["C2"]));
        Assert.Equal("Resolved after 47 minutes. Affected: Streaming.", replies["C1"][0]);
        Assert.Equal("We are sorry for the disruption, and thank you for your patience.", replies["C1"][^1]);
        var cards = kit.Discord.Delivered(PublishCallKind.Post).ToDictionary(p => p.Channel.ChannelId, p => p.Reply.Lines);
        Assert.Equal("Incident INC-1 : Streaming en panne depuis 20:30 UTC", string.Join("\n", cards["C2"]));
        Assert.StartsWith("Investigating · ", cards["C1"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void ASyntaxError_IsRefusedNamingItsKey()
    {
        var templates = new AnnouncementTemplates();
        templates.Resolved["fr"] = "Résolu après {{ duration ";
        templates.Updated["en"] = "{{ status }}: {{ message }}";

        var error = Assert.Single(PostTemplates.Errors(templates));

        Assert.StartsWith("StatusBot:Announcements:Templates:Resolved:fr: the template does not parse", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownVariableOrFilter_IsRefusedNamingItsKeyAndTheVariable()
    {
        var templates = new AnnouncementTemplates();
        templates.Holding["de"] = "{{ services }} {{ severity }} {% if outage.big %}!{% endif %}";
        templates.Apology["en"] = "{services} for {duration} ({impact})";
        templates.MaintenanceStarted["ja"] = "{{ title | shout }}";
        templates.Updated["xx"] = "{{ message }}";

        var errors = PostTemplates.Errors(templates).ToList();

        Assert.Contains(errors, e => e.StartsWith("StatusBot:Announcements:Templates:Holding:de: unknown variables 'outage', 'severity'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("StatusBot:Announcements:Templates:MaintenanceStarted:ja: the template cannot be rendered", StringComparison.Ordinal) && e.Contains("shout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("StatusBot:Announcements:Templates:Updated:xx: 'xx' is not a language", StringComparison.Ordinal));
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void AssignedAndLoopVariables_AreNotUnknown()
    {
        var templates = new AnnouncementTemplates();
        templates.Resolved["en"] = "{% assign d = duration | upcase %}{% capture s %}{{ services }}{% endcapture %}{% for i in (1..2) %}{{ i }}{{ forloop.index }}{% endfor %}{{ d }} {{ s }} {{ now | clock }} {{ started_at | relative }}";

        Assert.Empty(PostTemplates.Errors(templates));
    }

    [Fact]
    public void AnOverrideThatFailsWhileRendering_GivesWayToTheBuiltInText()
    {
        var templates = new AnnouncementTemplates();
        templates.Updated["en"] = "{% for i in (1..services_count) %}{% for j in (1..services_count) %}x{% endfor %}{% endfor %}";
        Assert.Empty(PostTemplates.Errors(templates));
        var l = Localizer.For(Locales.English);

        var text = new PostTemplates(templates).Render(PostKind.Updated, l, Now, Values(("status", "Identified"), ("message", "Fixing"), ("services_count", 100_000)));

        Assert.Equal("Identified: Fixing", text);
    }

    private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
