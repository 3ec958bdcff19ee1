namespace StatusBot.Host.Web.Hooks;

/// <summary>What <c>POST /hooks/alertmanager</c> did: the services observed, the alerts naming no known service, the events stored.</summary>
internal sealed record AlertmanagerHookResponse(IReadOnlyList<string> Services, IReadOnlyList<string> Unmatched, int Events);

/// <summary>What <c>POST /hooks/statuspage</c> did: the upstream the token names, and the events stored (0: nothing new).</summary>
internal sealed record StatuspageHookResponse(string Upstream, int Events);
