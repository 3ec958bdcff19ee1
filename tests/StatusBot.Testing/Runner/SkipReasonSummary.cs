using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace StatusBot.Testing.Runner;

/// <summary>
/// The xunit test framework of the test projects whose tests may skip (no PostgreSQL, no Chromium): at the end of the
/// assembly's run it writes one line per skip reason, with how many tests it skipped, as a diagnostic message, which
/// <c>dotnet test</c> shows at its default verbosity (with <c>diagnosticMessages</c> on in xunit.runner.json).
/// Use with <c>[assembly: TestFramework(SkipReasonSummary.TypeName, SkipReasonSummary.AssemblyName)]</c>.
/// </summary>
public sealed class SkipReasonSummary(IMessageSink diagnosticMessageSink) : XunitTestFramework(diagnosticMessageSink)
{
    public const string TypeName = "StatusBot.Testing.Runner.SkipReasonSummary";

    public const string AssemblyName = "StatusBot.Testing";

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    /// <summary>The summary lines, most skipped first: "12 tests skipped: PostgreSQL is not available (…)".</summary>
    public static IEnumerable<string> Lines(IReadOnlyDictionary<string, int> reasons) =>
        reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value} {(r.Value == 1 ? "test" : "tests")} skipped: {r.Key}"));

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions) =>
            base.RunTestCases(testCases, new Counting(executionMessageSink, DiagnosticMessageSink), executionOptions);
    }

    private sealed class Counting(IMessageSink inner, IMessageSink diagnostics) : LongLivedMarshalByRefObject, IMessageSink
    {
        private readonly ConcurrentDictionary<string, int> _reasons = new(StringComparer.Ordinal);

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestSkipped skipped:
                    _reasons.AddOrUpdate(skipped.Reason ?? "", 1, (_, n) => n + 1);
                    break;
                case ITestAssemblyFinished:
                    foreach (var line in Lines(_reasons))
                    {
                        diagnostics.OnMessage(new DiagnosticMessage(line));
                    }

                    break;
            }

            return inner.OnMessage(message);
        }
    }
}
