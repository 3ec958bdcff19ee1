using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StatusBot.Announcing.Publishing;

/// <summary>
/// OAuth 1.0a request signing (RFC 5849, HMAC-SHA1) as X's API v2 needs it for user-context posts. The signature base
/// string is the method, the base URL and the sorted, percent-encoded parameters (the oauth ones and those of the query
/// or a form body; a JSON body is not part of it). Encoding is RFC 3986's: everything but unreserved characters as
/// upper-case <c>%XX</c> of its UTF-8 bytes.
/// </summary>
public static class OAuth1
{
    /// <summary>The <c>Authorization</c> header value for the request.</summary>
    public static string Header(
        string method, Uri url, IEnumerable<KeyValuePair<string, string>> requestParameters, OAuth1Credentials credentials, string nonce, long timestamp)
    {
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = credentials.ConsumerKey,
            ["oauth_nonce"] = nonce,
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["oauth_token"] = credentials.AccessToken,
            ["oauth_version"] = "1.0",
        };
        var baseString = SignatureBase(method, url, oauth.Concat(requestParameters).Concat(QueryOf(url)));
        oauth["oauth_signature"] = Sign(baseString, credentials.ConsumerSecret, credentials.AccessTokenSecret);
        return "OAuth " + string.Join(", ", oauth.Select(p => $"{Encode(p.Key)}=\"{Encode(p.Value)}\""));
    }

    /// <summary>RFC 5849 §3.4.1: <c>METHOD&amp;encoded base URL&amp;encoded normalized parameters</c>.</summary>
    public static string SignatureBase(string method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var normalized = string.Join(
            "&",
            parameters.Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value));
        return method.ToUpperInvariant() + "&" + Encode(BaseUrl(url)) + "&" + Encode(normalized);
    }

    /// <summary>HMAC-SHA1 of the base string keyed with <c>consumer secret&amp;token secret</c>, in base64.</summary>
    public static string Sign(string signatureBase, string consumerSecret, string tokenSecret)
    {
        var key = Encoding.ASCII.GetBytes(Encode(consumerSecret) + "&" + Encode(tokenSecret));
#pragma warning disable CA5350 // X's OAuth 1.0a accepts HMAC-SHA1 only; the protocol chooses the algorithm, not this code.
        return Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(signatureBase)));
#pragma warning restore CA5350
    }

    /// <summary>RFC 3986 percent-encoding: unreserved characters as they are, every other byte of the UTF-8 as <c>%XX</c>.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>RFC 5849 §3.4.1.2: scheme and host in lower case, the port only when not the scheme's default, no query.</summary>
    public static string BaseUrl(Uri url)
    {
        var port = url.IsDefaultPort ? "" : ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        return url.Scheme.ToLowerInvariant() + "://" + url.Host.ToLowerInvariant() + port + url.AbsolutePath;
    }

    /// <summary>The query's parameters, decoded.</summary>
    public static IEnumerable<KeyValuePair<string, string>> QueryOf(Uri url) =>
        url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => new KeyValuePair<string, string>(Uri.UnescapeDataString(kv[0].Replace('+', ' ')), kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : ""));
}

/// <summary>An X app's consumer key and secret and the posting account's access token and secret.</summary>
public sealed record OAuth1Credentials(string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret)
{
    public override string ToString() => "OAuth1Credentials { … }";
}
