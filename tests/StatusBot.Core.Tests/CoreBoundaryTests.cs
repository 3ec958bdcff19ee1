using System.Reflection;
using StatusBot.Core.Board;

namespace StatusBot.Core.Tests;

/// <summary>The domain stays portable: no calls into native libraries, nothing of HTTP or ASP.NET Core.</summary>
public sealed class CoreBoundaryTests
{
    private static readonly Assembly Core = typeof(StatusBoard).Assembly;

    [Fact]
    public void Core_CallsNoNativeLibrary()
    {
        var native = Core.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Attributes.HasFlag(MethodAttributes.PinvokeImpl))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}");

        Assert.Empty(native);
    }

    [Fact]
    public void Core_ReferencesNoHttpAssembly()
    {
        var http = Core.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("System.Net.Http", StringComparison.Ordinal));

        Assert.Empty(http);
    }
}
