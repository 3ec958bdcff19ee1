using System.Net;

namespace StatusBot.Discord.Rest;

/// <summary>How a REST call ended, after the client's own retries: a value, or why not, as a value rather than an exception.</summary>
internal sealed record RestResult<T>(HttpStatusCode Status, T? Value, string? Error = null, TimeSpan? RetryAfter = null, int? Code = null)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Rate limited past the client's patience, a 5xx, or a timeout (status 0): worth trying again later.</summary>
    public bool IsTransient => Status == 0 || Status == HttpStatusCode.TooManyRequests || (int)Status >= 500;

    public RestResult<TOther> As<TOther>() => new(Status, default, Error, RetryAfter, Code);
}
