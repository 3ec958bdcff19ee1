namespace StatusBot.Core.Commands;

/// <summary>Who may run a command.</summary>
public enum Permission
{
    Anyone,
    Admin,
}
