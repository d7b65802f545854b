using System.Net;
using System.Text.RegularExpressions;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>Signs in as a browser does: the sign-in page's form with its antiforgery token, leaving the cookie in the client.</summary>
public static partial class BrowserSignIn
{
    /// <summary>Posts the sign-in form; the client must keep cookies. Returns the response to the post.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync("/account/login");
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page), ["_handler"] = "login",
            ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    public static string AntiforgeryToken(string html) => AntiforgeryInput().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
