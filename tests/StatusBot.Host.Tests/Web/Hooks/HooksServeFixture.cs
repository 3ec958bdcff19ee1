using System.Security.Cryptography;
using System.Text;

namespace StatusBot.Host.Tests.Web.Hooks;

/// <summary>The serve fixture with an Alertmanager bearer token and a Statuspage webhook token on the ELB upstream, both stored hashed.</summary>
public sealed class HooksServeFixture : ServeFixture
{
    public const string AlertmanagerToken = "am-0f5c2d9e";
    public const string StatuspageToken = "sp-7b1e44aa";

    protected override Dictionary<string, string?> Settings { get; } = new()
    {
        ["StatusBot:Hooks:Alertmanager:ApiTokens:0:Name"] = "prometheus",
        ["StatusBot:Hooks:Alertmanager:ApiTokens:0:Sha256"] = Sha256(AlertmanagerToken),
        ["StatusBot:Upstreams:0:WebhookTokenSha256"] = Sha256(StatuspageToken),
    };

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "fixtures", name));

    private static string Sha256(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
