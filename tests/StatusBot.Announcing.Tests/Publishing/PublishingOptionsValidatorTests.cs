using StatusBot.Announcing.Publishing;

namespace StatusBot.Announcing.Tests.Publishing;

public sealed class PublishingOptionsValidatorTests
{
    private static readonly AnnouncementOptions WithAdminChannel = new() { AdminChannel = new ChannelOptions { Platform = "slack", ChannelId = "CADMIN" } };

    private static PublishingOptions Options(params PublisherOptions[] publishers) => new() { Publishers = [.. publishers], Web = new PublishedWeb { PublicUrl = "https://status.example.com" } };

    [Fact]
    public void Errors_NameTheKeyAtFault_AndNeverTheSecret()
    {
        var validator = new PublishingOptionsValidator(WithAdminChannel, name => name == "MASTODON_TOKEN" ? "s3cret-value" : null);
        var options = Options(
            new PublisherOptions { Kind = "myspace" },
            new PublisherOptions { Kind = "mastodon", TokenEnv = "MASTODON_TOKEN" },
            new PublisherOptions { Kind = "bluesky", IdentifierEnv = "BSKY_ID", AppPasswordEnv = "", Locale = "xx" },
            new PublisherOptions { Kind = "x", Name = "mastodon", BaseUrl = "ftp://x", ConsumerKeyEnv = "A", ConsumerSecretEnv = "B", AccessTokenEnv = "C", AccessTokenSecretEnv = "D" });

        var errors = validator.Errors(options).ToList();

        Assert.Contains("StatusBot:Publishers:0:Kind must be x, mastodon or bluesky (was 'myspace').", errors);
        Assert.Contains(errors, e => e.StartsWith("StatusBot:Publishers:1:BaseUrl is required for mastodon", StringComparison.Ordinal));
        Assert.Contains("StatusBot:Publishers:2:IdentifierEnv names BSKY_ID, which is not set in the environment.", errors);
        Assert.Contains("StatusBot:Publishers:2:AppPasswordEnv must name the environment variable that holds this credential.", errors);
        Assert.Contains(errors, e => e.StartsWith("StatusBot:Publishers:2:Locale", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("StatusBot:Publishers:3:Name 'mastodon' is used by another publisher", StringComparison.Ordinal));
        Assert.Contains("StatusBot:Publishers:3:BaseUrl 'ftp://x' must be an absolute http or https URL.", errors);
        Assert.DoesNotContain(errors, e => e.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void RequireApproval_WithoutAdminChannel_IsAnError()
    {
        var validator = new PublishingOptionsValidator(new AnnouncementOptions(), _ => "set");

        var errors = validator.Errors(Options(new PublisherOptions { Kind = "mastodon", BaseUrl = "https://mastodon.social", TokenEnv = "T" })).ToList();

        Assert.Equal(["StatusBot:Publishers:0:RequireApproval needs StatusBot:Announcements:AdminChannel, where drafts wait for an admin's decision (or set RequireApproval to false)."], errors);
    }

    [Fact]
    public void ValidPublishers_HaveNoErrors()
    {
        var validator = new PublishingOptionsValidator(WithAdminChannel, _ => "set");

        var errors = validator.Errors(Options(
            new PublisherOptions { Kind = "x", ConsumerKeyEnv = "A", ConsumerSecretEnv = "B", AccessTokenEnv = "C", AccessTokenSecretEnv = "D" },
            new PublisherOptions { Kind = "Mastodon", BaseUrl = "https://mastodon.social", TokenEnv = "T", Locale = "pt-BR" },
            new PublisherOptions { Kind = "bluesky", IdentifierEnv = "I", AppPasswordEnv = "P", RequireApproval = false }));

        Assert.Empty(errors);
    }
}
