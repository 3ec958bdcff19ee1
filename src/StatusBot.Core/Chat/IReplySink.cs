using StatusBot.Core.Commands;

namespace StatusBot.Core.Chat;

/// <summary>
/// How a late answer reaches the person once the platform's request was acknowledged: Slack's <c>response_url</c>,
/// Discord's <c>@original</c> message, a thread reply. The adapter renders the result for its platform.
/// </summary>
public interface IReplySink
{
    Task SendAsync(DispatchResult result, CancellationToken cancellationToken);
}
