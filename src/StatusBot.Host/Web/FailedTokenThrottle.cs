using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using StatusBot.Host.Configuration;

namespace StatusBot.Host.Web;

/// <summary>
/// Refused bearer tokens (admin API, webhooks), counted per client address (IPv6 by its /64). Past
/// <c>StatusBot:Admin:FailedTokensPerMinute</c> refusals within a minute, the address is answered 429 with
/// <c>Retry-After</c> until its minute is over, without its tokens being compared. The log gets the first refusal of a
/// quiet spell at once, then one summary line a minute while refusals go on, never one line per refusal.
/// </summary>
public sealed partial class FailedTokenThrottle : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Addresses remembered at most; past that, a new address is not throttled (memory stays bounded).</summary>
    private const int MaxAddresses = 100_000;

    private readonly ConcurrentDictionary<IPAddress, Counter> _addresses = new();
    private readonly Lock _summaryLock = new();
    private readonly int _limit;
    private readonly TimeProvider _time;
    private readonly ILogger<FailedTokenThrottle> _logger;
    private readonly ITimer _timer;
    private int _refused;
    private int _throttled;
    private bool _quiet = true;

    public FailedTokenThrottle(IOptions<StatusBotOptions> options, TimeProvider time, ILogger<FailedTokenThrottle> logger)
    {
        _limit = options.Value.Admin.FailedTokensPerMinute;
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(_ => Summarize(), null, Window, Window);
    }

    /// <summary>
    /// When the caller's address has had too many refusals this minute: a 429 to answer (with <c>Retry-After</c>), and the
    /// token is not to be looked at. Null otherwise.
    /// </summary>
    public IResult? Throttled(HttpContext http)
    {
        if (_limit <= 0 || !_addresses.TryGetValue(Key(http.Connection.RemoteIpAddress), out var counter))
        {
            return null;
        }

        var now = _time.GetUtcNow().UtcTicks;
        long remaining;
        lock (counter)
        {
            remaining = counter.Start + Window.Ticks - now;
            if (remaining <= 0 || counter.Failures < _limit)
            {
                return null;
            }
        }

        lock (_summaryLock)
        {
            _throttled++;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling((double)remaining / TimeSpan.TicksPerSecond));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests with a wrong token from this address.",
            detail: $"Nothing was checked. Try again in {seconds} seconds.");
    }

    /// <summary>Counts a missing or wrong token presented to <paramref name="route"/>.</summary>
    public void Refused(HttpContext http, string route)
    {
        var key = Key(http.Connection.RemoteIpAddress);
        if (_limit > 0 && (_addresses.Count < MaxAddresses || _addresses.ContainsKey(key)))
        {
            var now = _time.GetUtcNow().UtcTicks;
            var counter = _addresses.GetOrAdd(key, _ => new Counter { Start = now });
            lock (counter)
            {
                if (now - counter.Start >= Window.Ticks)
                {
                    counter.Start = now;
                    counter.Failures = 0;
                }

                counter.Failures++;
            }
        }

        bool first;
        lock (_summaryLock)
        {
            first = _quiet;
            _quiet = false;
            if (!first)
            {
                _refused++;
            }
        }

        if (first)
        {
            LogRefused(_logger, route, key.ToString());
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Summarize()
    {
        int refused, throttled;
        lock (_summaryLock)
        {
            (refused, throttled) = (_refused, _throttled);
            (_refused, _throttled) = (0, 0);
            _quiet = refused == 0 && throttled == 0;
        }

        var now = _time.GetUtcNow().UtcTicks;
        var addresses = 0;
        foreach (var (address, counter) in _addresses)
        {
            lock (counter)
            {
                if (now - counter.Start >= Window.Ticks)
                {
                    _addresses.TryRemove(new KeyValuePair<IPAddress, Counter>(address, counter));
                }
                else
                {
                    addresses++;
                }
            }
        }

        if (refused > 0 || throttled > 0)
        {
            LogSummary(_logger, refused, throttled, addresses);
        }
    }

    private static IPAddress Key(IPAddress? address)
    {
        if (address is null)
        {
            return IPAddress.None;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        // One host usually holds a whole /64: counting single IPv6 addresses would let it try 2^64 times.
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Route} refused: missing or wrong token (from {Remote}); further refusals are summarized once a minute")]
    private static partial void LogRefused(ILogger logger, string route, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "In the last minute: {Refused} more requests refused for a missing or wrong token and {Throttled} answered 429 unchecked, from {Addresses} addresses")]
    private static partial void LogSummary(ILogger logger, int refused, int throttled, int addresses);

    private sealed class Counter
    {
        public long Start;

        public int Failures;
    }
}
