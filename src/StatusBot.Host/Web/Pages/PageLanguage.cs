using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace StatusBot.Host.Web.Pages;

/// <summary>Picks the page language: <c>?lang=</c>, else the best supported <c>Accept-Language</c>, else the configured default.</summary>
internal static class PageLanguage
{
    public static CultureInfo Choose(HttpRequest request, string defaultLocale)
    {
        if (request.Query["lang"].ToString() is { Length: > 0 } lang && Locales.IsSupported(lang))
        {
            return Locales.Resolve(lang);
        }

        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var values))
        {
            foreach (var value in values.OrderByDescending(v => v.Quality ?? 1))
            {
                if (value.Quality is not 0 && Locales.Find(value.Value.Value) is { } culture)
                {
                    return culture;
                }
            }
        }

        return Locales.Resolve(defaultLocale);
    }
}
