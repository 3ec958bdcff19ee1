namespace StatusBot.Core.Events;

/// <summary>
/// An event that records how an announcement's delivery ended: the post went out, or it was given up for good (the
/// platform refused it, or its channel is no longer subscribed). Nobody waits on it, and it can be learned again: after a
/// restart the announcer treats every entry still pending as possibly sent and looks for its earlier post before posting. So a store may write a batch made only of
/// receipts without syncing it at once; it becomes durable with the next batch that is synced, before a segment
/// change, before a snapshot, and on close. A power cut before then loses the receipts, never an update.
/// </summary>
public interface IReceipt;
