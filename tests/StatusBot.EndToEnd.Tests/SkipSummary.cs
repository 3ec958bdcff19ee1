using StatusBot.Testing.Runner;

// Tests that skip (no PostgreSQL, no Chromium) say why once per reason at the end of the run.
[assembly: TestFramework(SkipReasonSummary.TypeName, SkipReasonSummary.AssemblyName)]
