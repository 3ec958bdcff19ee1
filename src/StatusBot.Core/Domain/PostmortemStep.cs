namespace StatusBot.Core.Domain;

/// <summary>What <c>incident postmortem &lt;id&gt;</c> does besides drafting or showing: replace the text, or publish it.</summary>
public enum PostmortemStep
{
    Edit,
    Publish,
}
