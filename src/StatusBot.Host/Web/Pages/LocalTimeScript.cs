namespace StatusBot.Host.Web.Pages;

/// <summary>
/// The status page's script file (<c>local-time.js</c>, embedded in the program): it adds the visitor's own time beside
/// every <c>&lt;time datetime="…Z" data-local&gt;</c>. Loaded from the page's own origin, so the Content-Security-Policy
/// needs nothing but <c>'self'</c> for it.
/// </summary>
internal static class LocalTimeScript
{
    public const string Path = "/local-time.js";

    public const string Tag = "<script src=\"" + Path + "\" defer></script>";

    public static readonly string Code = Read();

    private static string Read()
    {
        using var stream = typeof(LocalTimeScript).Assembly.GetManifestResourceStream("StatusBot.Host.local-time.js")
            ?? throw new InvalidOperationException("The program is missing its local-time.js resource.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
