namespace StatusBot.Host.Tests.Web;

/// <summary>The serve fixture with one admin API token ("deploy-pipeline", token <see cref="Token"/>), stored hashed.</summary>
public sealed class AdminServeFixture : ServeFixture
{
    public const string Token = "s3cret-admin-token";

    protected override Dictionary<string, string?> Settings { get; } = new()
    {
        ["StatusBot:Admin:ApiTokens:0:Name"] = "deploy-pipeline",
        ["StatusBot:Admin:ApiTokens:0:Sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("s3cret-admin-token"u8)),
    };
}
