namespace StatusBot.Core.Board;

/// <summary>
/// When the bot last knew it was watching: written every few seconds while monitoring runs, read once at start. A kill
/// leaves no stop event, so the time between the last mark and the restart is the monitoring gap to record as unknown.
/// </summary>
public interface IAliveMark
{
    /// <summary>The last mark, or null when there is none (first start, or a store without one).</summary>
    DateTimeOffset? Read();

    void Write(DateTimeOffset at);
}
