using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Webhooks;

/// <summary>
/// The organisation's webhooks (Owners and Admins): list, create (answers the secret once), read, change, delete,
/// rotate the secret (answers the new one once), send a test, and the delivery log.
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Alerts").RequireAuthorization(TenantPolicies.ManageMembers);

        group.MapGet("", async (WebhookService s, CancellationToken ct) => (await s.ListAsync(ct)).ToResult(TypedResults.Ok));
        group.MapPost("", async (WebhookRequest body, WebhookService s, CancellationToken ct) =>
            (await s.CreateAsync(body, ct)).ToResult(v => TypedResults.Created($"/api/v1/webhooks/{v.Webhook.Id}", v)));
        group.MapGet("/{id:guid}", async (Guid id, WebhookService s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToResult(TypedResults.Ok));
        group.MapPut("/{id:guid}", async (Guid id, WebhookRequest body, WebhookService s, CancellationToken ct) =>
            (await s.UpdateAsync(id, body, ct)).ToResult(TypedResults.Ok));
        group.MapDelete("/{id:guid}", async (Guid id, WebhookService s, CancellationToken ct) => (await s.DeleteAsync(id, ct)).ToResult());
        group.MapPost("/{id:guid}/rotate-secret", async (Guid id, WebhookService s, CancellationToken ct) =>
            (await s.RotateSecretAsync(id, ct)).ToResult(TypedResults.Ok));
        group.MapPost("/{id:guid}/test", async (Guid id, WebhookService s, CancellationToken ct) =>
            (await s.SendTestAsync(id, ct)).ToResult(TypedResults.Ok));
        group.MapGet("/{id:guid}/deliveries", async (Guid id, WebhookService s, CancellationToken ct) =>
            (await s.DeliveriesAsync(id, ct)).ToResult(TypedResults.Ok));
        return api;
    }
}
