using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace FactoryCloud.Web.Common;

/// <summary>
/// The browser's locale, for what depends on it without changing how figures are written: which day a week starts on
/// (calendars and the shift editor). The request's UI culture follows <c>Accept-Language</c>; the formatting culture
/// stays invariant (<see cref="DisplayFormat"/> writes every figure the same way for everyone).
/// </summary>
public static class BrowserLocale
{
    /// <summary>Locales whose week start is known; anything else falls back to the invariant culture (Sunday).</summary>
    private static readonly string[] UiCultures =
    [
        "en-US", "en-GB", "en-IE", "en-CA", "en-AU", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-BE", "fr-CH", "fr-CA", "it-IT", "es-ES",
        "es-MX", "pt-PT", "pt-BR", "nl-NL", "nl-BE", "pl-PL", "cs-CZ", "sk-SK", "hu-HU", "ro-RO", "sv-SE", "da-DK", "nb-NO", "fi-FI",
        "tr-TR", "ja-JP", "zh-CN", "ko-KR", "en", "de", "fr", "it", "es", "pt", "nl", "pl", "cs", "sv", "da", "fi",
    ];

    /// <summary>The first day of the week where the person is (Monday in most of Europe, Sunday in the US).</summary>
    public static DayOfWeek FirstDayOfWeek => CultureInfo.CurrentUICulture.DateTimeFormat.FirstDayOfWeek;

    /// <summary>The days of a week in the person's order.</summary>
    public static IEnumerable<DayOfWeek> Week => Enumerable.Range(0, 7).Select(i => (DayOfWeek)(((int)FirstDayOfWeek + i) % 7));

    public static IServiceCollection AddBrowserLocale(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, CultureInfo.InvariantCulture);
            o.SupportedCultures = [CultureInfo.InvariantCulture];
            o.SupportedUICultures = [CultureInfo.InvariantCulture, .. UiCultures.Select(CultureInfo.GetCultureInfo)];
            o.FallBackToParentUICultures = true;
            // Only the browser says where the person is: no query string or cookie switches it.
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
}
