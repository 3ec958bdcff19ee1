using System.Globalization;

namespace StatusBot.Testing.Fuzz;

/// <summary>
/// How many cases a property test runs. The suite runs each property's small default; <c>STATUSBOT_FUZZ_ITERATIONS</c>
/// (see bench/README.md) raises every property to that many cases for a long fuzzing run.
/// </summary>
public static class FuzzBudget
{
    public const string Variable = "STATUSBOT_FUZZ_ITERATIONS";

    /// <summary>The long-run count when the variable is set, otherwise <paramref name="suiteDefault"/>.</summary>
    public static long Iterations(long suiteDefault) =>
        long.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : suiteDefault;

    /// <summary>True during a long run (the variable is set), for properties that scale their own inner loops.</summary>
    public static bool IsLongRun => Iterations(0) > 0;
}
