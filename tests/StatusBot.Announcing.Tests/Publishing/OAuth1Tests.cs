using StatusBot.Announcing.Publishing;

namespace StatusBot.Announcing.Tests.Publishing;

public sealed class OAuth1Tests
{
    // The worked example of X's "Creating a signature" guide: its parameters, keys and signature.
    private static readonly Uri Url = new("https://api.twitter.com/1.1/statuses/update.json?include_entities=true");

    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("status", "Hello Ladies + Gentlemen, a signed OAuth request!"),
        new("include_entities", "true"),
        new("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
        new("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
        new("oauth_signature_method", "HMAC-SHA1"),
        new("oauth_timestamp", "1318622958"),
        new("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
        new("oauth_version", "1.0"),
    ];

    [Fact]
    public void SignatureBase_OfTheGuidesExample_IsTheGuidesString()
    {
        var signatureBase = OAuth1.SignatureBase("post", Url, Parameters);

        Assert.Equal(
            "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
            signatureBase);
    }

    [Fact]
    public void Sign_OfTheGuidesExample_IsTheGuidesSignature()
    {
        var signature = OAuth1.Sign(OAuth1.SignatureBase("POST", Url, Parameters), "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

        Assert.Equal("hCtSmYh+iHYCEqBWrE7C7hYmtUk=", signature);
    }

    [Theory]
    [InlineData("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen")]
    [InlineData("An encoded string!", "An%20encoded%20string%21")]
    [InlineData("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice")]
    [InlineData("☃", "%E2%98%83")]
    [InlineData("a-b.c_d~e*f'g(h)", "a-b.c_d~e%2Af%27g%28h%29")]
    public void Encode_FollowsRfc3986(string value, string expected)
    {
        var encoded = OAuth1.Encode(value);

        Assert.Equal(expected, encoded);
    }

    [Fact]
    public void BaseUrl_DropsQueryAndDefaultPort_KeepsOtherPorts()
    {
        var (standard, custom) = (OAuth1.BaseUrl(new Uri("HTTPS://API.X.com:443/2/tweets?a=1")), OAuth1.BaseUrl(new Uri("http://127.0.0.1:5123/x/2/tweets")));

        Assert.Equal(("https://api.x.com/2/tweets", "http://127.0.0.1:5123/x/2/tweets"), (standard, custom));
    }
}
