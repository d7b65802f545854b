using FactoryCloud.Infrastructure.Configuration;

namespace FactoryCloud.Web.Features.Entra;

/// <summary>
/// The <c>Authentication:Entra</c> section: the multi-tenant app registration. Entra sign-in is off unless
/// <see cref="ClientId"/> is set. The rest is bound by Microsoft.Identity.Web (<c>MicrosoftIdentityOptions</c>).
/// </summary>
public sealed class EntraOptions
{
    public const string Section = "Authentication:Entra";

    /// <summary>The scheme of the interactive sign-in (OpenID Connect, id_token by form_post).</summary>
    public const string SignInScheme = "Entra";

    /// <summary>The scheme of the REST API's Entra access tokens.</summary>
    public const string BearerScheme = "EntraBearer";

    /// <summary>The login provider name under which (tid, oid) pairs are stored in the user logins table.</summary>
    public const string LoginProvider = "Entra";

    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary><c>organizations</c> (any work or school tenant) or <c>common</c>; the issuer is validated per token tenant.</summary>
    public string TenantId { get; set; } = "organizations";

    public string? ClientId { get; set; }

    /// <summary>The delegated scope API callers must hold (the <c>scp</c> claim), exposed as <c>api://&lt;client id&gt;/access_as_user</c>.</summary>
    public string ApiScope { get; set; } = "access_as_user";

    /// <summary>Only a test authority on loopback may be plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// How long an Entra sign-in holds before the user must sign in with Entra again, which re-checks the configured
    /// group: an Entra user removed from the group loses access at the latest this long after their last Entra sign-in.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Throws <see cref="InvalidSettingException"/> naming the first invalid setting (checked at start).</summary>
    public void Validate()
    {
        if (!Enabled) return;
        if (!Guid.TryParse(ClientId, out _))
            throw new InvalidSettingException("Authentication:Entra:ClientId must be the app registration's application (client) id, a GUID.");
        if (!Uri.TryCreate(Instance, UriKind.Absolute, out var instance) || (instance.Scheme != Uri.UriSchemeHttps && !instance.IsLoopback))
            throw new InvalidSettingException("Authentication:Entra:Instance must be an https URL such as https://login.microsoftonline.com/.");
        if (!RequireHttpsMetadata && !instance.IsLoopback)
            throw new InvalidSettingException("Authentication:Entra:RequireHttpsMetadata=false is allowed only for a loopback test authority, not for Authentication:Entra:Instance " + Instance + ".");
        if (string.IsNullOrWhiteSpace(TenantId))
            throw new InvalidSettingException("Authentication:Entra:TenantId must be set: 'organizations' for any work or school tenant.");
        if (SessionLifetime <= TimeSpan.Zero)
            throw new InvalidSettingException("Authentication:Entra:SessionLifetime must be a positive time span such as 01:00:00.");
        if (string.IsNullOrWhiteSpace(ApiScope))
            throw new InvalidSettingException("Authentication:Entra:ApiScope must not be empty.");
    }

    /// <summary>The login table's provider key of an Entra user: stable ids only, never the mutable user name.</summary>
    public static string LoginKey(Guid entraTenantId, Guid objectId) => $"{entraTenantId:D}/{objectId:D}";
}
