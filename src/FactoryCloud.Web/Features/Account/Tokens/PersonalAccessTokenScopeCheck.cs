using System.Security.Claims;
using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Http.Metadata;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>
/// Narrows a request made with a personal access token to the token's scopes. The area comes from the endpoint's
/// OpenAPI tag (Plants, KPIs, Dashboards, Alerts and Ingestion are the "plants" area); GET and HEAD read, anything
/// else writes. Whatever belongs to no area (members, invitations, tokens, audit, sign-in, pages) is refused, so a
/// token can never make another token or change who belongs to the organisation. The member's role still applies
/// afterwards: a scope never grants more than the role.
/// </summary>
public static class PersonalAccessTokenScopeCheck
{
    private static readonly Dictionary<string, TokenArea> AreaOfTag = new(StringComparer.Ordinal)
    {
        ["Plants"] = TokenArea.Plants,
        ["KPIs"] = TokenArea.Plants,
        ["Dashboards"] = TokenArea.Plants,
        ["Alerts"] = TokenArea.Plants,
        ["Ingestion"] = TokenArea.Plants,
        ["Backlogs"] = TokenArea.Backlogs,
        ["Maturity"] = TokenArea.Maturity,
    };

    public static IApplicationBuilder UsePersonalAccessTokenScopes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.FindFirstValue(PersonalAccessTokenAuthentication.ScopesClaim) is not { } stored)
        {
            await next(context);
            return;
        }
        var area = AreaOf(context.GetEndpoint());
        var write = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
        if (area is null || !TokenScopes.Parse(stored).Allows(area.Value, write))
        {
            var detail = area is null
                ? "Personal access tokens cannot be used here."
                : $"This token does not allow {(write ? "changes" : "reading")} in {area.Value.ToString().ToLowerInvariant()}.";
            await Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    public static TokenArea? AreaOf(Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(m => m.Tags)
            .Select(tag => AreaOfTag.TryGetValue(tag, out var area) ? area : (TokenArea?)null)
            .FirstOrDefault(area => area is not null);
}
