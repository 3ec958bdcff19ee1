namespace StatusBot.Core.Publishing;

/// <summary>Where a public draft stands: waiting for an admin, approved (queued for the timeline), or skipped (never posted).</summary>
public enum PublicDraftStatus
{
    Pending,
    Approved,
    Skipped,
}
