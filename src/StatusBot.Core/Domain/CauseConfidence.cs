namespace StatusBot.Core.Domain;

/// <summary>How sure the team is about a stated cause.</summary>
public enum CauseConfidence
{
    Suspected,
    Identified,
    Confirmed,
}
