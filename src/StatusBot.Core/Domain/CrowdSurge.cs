namespace StatusBot.Core.Domain;

/// <summary>
/// The crowd about one service crossed the threshold while no incident was open on it: how many distinct people asked
/// within the window, and how many usually do. Admins are told once per surge; it never opens an incident.
/// </summary>
public sealed record CrowdSurge(string ServiceId, DateTimeOffset At, int Askers, double Usual, int WindowSeconds);
