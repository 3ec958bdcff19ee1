namespace StatusBot.Core.Replies;

/// <summary>How alarming a reply is; platforms turn it into a color or an icon.</summary>
public enum Severity
{
    Info,
    Success,
    Minor,
    Major,
    Critical,
    Error,
}
