namespace StatusBot.Core.Domain;

/// <summary>How bad an incident is, in Statuspage's vocabulary.</summary>
public enum Impact
{
    None,
    Minor,
    Major,
    Critical,
}
