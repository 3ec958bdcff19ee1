namespace StatusBot.Core.Replies;

/// <summary>Who sees a reply: only the person who asked, or the whole channel.</summary>
public enum Visibility
{
    Private,
    Channel,
}
