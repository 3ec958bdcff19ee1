namespace StatusBot.Host.Web;

/// <summary>The body of <c>/healthz</c> and <c>/readyz</c>.</summary>
internal sealed record HealthBody(string Status, Dictionary<string, string>? Checks);
