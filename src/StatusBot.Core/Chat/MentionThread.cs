namespace StatusBot.Core.Chat;

/// <summary>
/// The first answer to a crowd's question in one channel, which later answers join. The adapter that posts the first
/// answer says where it went (<see cref="Answered"/>: Slack's thread <c>ts</c>, Discord's message id); the adapters that
/// answer later wait for that, and open the place they post in once between them (<see cref="OpenAsync"/>).
/// </summary>
public sealed class MentionThread
{
    private readonly TaskCompletionSource<string?> _anchor = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task<string?>? _opened;

    internal MentionThread(long startedAt)
    {
        StartedAt = startedAt;
    }

    /// <summary>When the first answer was planned (a monotonic timestamp of the planner's clock).</summary>
    internal long StartedAt { get; }

    /// <summary>Answers planned in the thread so far (the planner's lock guards it).</summary>
    internal int Replies { get; set; }

    /// <summary>
    /// The first answer was posted at <paramref name="anchor"/>, or could not be posted (null): later answers then react
    /// instead. Only the first call counts; the adapter calls it whatever happened, so nobody waits forever.
    /// </summary>
    public void Answered(string? anchor) => _anchor.TrySetResult(anchor);

    /// <summary>Where the first answer went, once it has been posted; null when it could not be.</summary>
    public Task<string?> AnchorAsync(CancellationToken cancellationToken) => _anchor.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// The place later answers go, opened from the anchor by the first caller of <paramref name="open"/> (Discord starts a
    /// thread from the first answer) and shared with every later caller; null when there is no anchor or opening failed.
    /// </summary>
    public Task<string?> OpenAsync(Func<string, CancellationToken, Task<string?>> open, CancellationToken cancellationToken)
    {
        Task<string?> opened;
        lock (_gate)
        {
            opened = _opened ??= OpenOnceAsync(open, cancellationToken);
        }

        return opened.WaitAsync(cancellationToken);
    }

    private async Task<string?> OpenOnceAsync(Func<string, CancellationToken, Task<string?>> open, CancellationToken cancellationToken) =>
        await _anchor.Task is { } anchor ? await open(anchor, cancellationToken) : null;
}
