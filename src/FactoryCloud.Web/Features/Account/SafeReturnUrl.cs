namespace FactoryCloud.Web.Features.Account;

/// <summary>Only local paths are followed after sign-in, so a crafted link cannot send a user to another site.</summary>
public static class SafeReturnUrl
{
    public static string From(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl)) return "/";
        var url = returnUrl.StartsWith('/') ? returnUrl : "/" + returnUrl;
        return url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal) || url.Contains("://", StringComparison.Ordinal) ? "/" : url;
    }
}
