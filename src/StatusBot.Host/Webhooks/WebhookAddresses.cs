using System.Net;
using System.Net.Sockets;

namespace StatusBot.Host.Webhooks;

/// <summary>
/// Where a webhook may go. Without <c>AllowPrivateNetworks</c>, an endpoint must resolve only to public addresses: never
/// loopback (127/8, ::1), "this network" (0/8, ::), link-local (169.254/16, fe80::/10), private (10/8, 172.16/12, 192.168/16,
/// fc00::/7), shared CGNAT (100.64/10), multicast or reserved ranges, nor any of those written as an IPv4-mapped or
/// IPv4-compatible IPv6 address. The rule is checked when an endpoint is configured or added, and again on every connection,
/// on the address actually connected to (so a name that resolves differently later is caught).
/// </summary>
public static class WebhookAddresses
{
    /// <summary>True when <paramref name="address"/> is not a public unicast address.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsForbidden(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,
                169 => b[1] == 254,
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,
                _ => false,
            };
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        if (v6[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            // :: , ::1 and the deprecated IPv4-compatible form ::a.b.c.d.
            return v6[12..].IndexOfAnyExcept((byte)0) < 0 || IPAddress.IsLoopback(address) || IsForbidden(new IPAddress(v6[12..]));
        }

        return IPAddress.IsLoopback(address)
            || (v6[0] & 0xfe) == 0xfc // fc00::/7 unique local
            || (v6[0] == 0xfe && (v6[1] & 0xc0) == 0x80) // fe80::/10 link-local
            || (v6[0] == 0xfe && (v6[1] & 0xc0) == 0xc0) // fec0::/10 site-local (deprecated)
            || v6[0] == 0xff // multicast
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8) // 2001:db8::/32 documentation
            || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && IsForbidden(new IPAddress(v6[12..]))); // NAT64 of a forbidden IPv4
    }

    /// <summary>
    /// Why <paramref name="url"/> cannot be an endpoint, or null when it can: an absolute https URL (http with
    /// <paramref name="allowHttp"/> or <paramref name="allowPrivate"/>), without user info, whose host resolves only to
    /// public addresses unless <paramref name="allowPrivate"/>.
    /// </summary>
    public static async Task<string?> CheckAsync(string? url, bool allowPrivate, bool allowHttp, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return "must be an absolute https URL";
        }

        if (uri.Scheme == "http" && !allowHttp && !allowPrivate)
        {
            return "must use https (plain http needs StatusBot:Webhooks:AllowHttp)";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "must not carry a user name or password";
        }

        if (allowPrivate)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException ex)
        {
            return $"has a host that does not resolve ({ex.SocketErrorCode})";
        }

        if (addresses.Length == 0)
        {
            return "has a host that does not resolve";
        }

        return addresses.FirstOrDefault(IsForbidden) is { } bad
            ? $"resolves to {bad}, a loopback, private, link-local or reserved address (allowed only with StatusBot:Webhooks:AllowPrivateNetworks)"
            : null;
    }
}

/// <summary>A connection refused because the endpoint's host resolved to an address webhooks may not reach.</summary>
public sealed class WebhookAddressRefusedException(string message) : HttpRequestException(message);
