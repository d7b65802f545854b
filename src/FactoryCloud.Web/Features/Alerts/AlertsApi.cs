using FactoryCloud.Domain.Alerts;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Alerts;

/// <summary>
/// Alert rules (reads: any member; writes: Owner, Admin, PlantManager) and alerts (reads: any member; acknowledge
/// and close: everyone but Viewers).
/// </summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Alerts").RequireAuthorization(TenantPolicies.Member);

        group.MapGet("/alert-rules", async (AlertRuleService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        group.MapGet("/alert-rules/recipients", async (AlertRuleService s, CancellationToken ct) => TypedResults.Ok(await s.RecipientOptionsAsync(ct)));
        group.MapGet("/alert-rules/{id:guid}", async (Guid id, AlertRuleService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } rule ? Results.Ok(rule) : Failure.NotFound("The alert rule").ToProblem());
        group.MapPost("/alert-rules", async (AlertRuleRequest body, AlertRuleService s, CancellationToken ct) =>
            (await s.CreateAsync(body, ct)).ToResult(v => TypedResults.Created($"/api/v1/alert-rules/{v.Id}", v))).RequireAuthorization(TenantPolicies.ManagePlants);
        group.MapPut("/alert-rules/{id:guid}", async (Guid id, AlertRuleRequest body, AlertRuleService s, CancellationToken ct) =>
            (await s.UpdateAsync(id, body, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.ManagePlants);
        group.MapDelete("/alert-rules/{id:guid}", async (Guid id, AlertRuleService s, CancellationToken ct) =>
            (await s.DeleteAsync(id, ct)).ToResult()).RequireAuthorization(TenantPolicies.ManagePlants);

        group.MapGet("/alerts", async (string? status, AlertService s, CancellationToken ct) =>
        {
            var parsed = ParseStatus(status);
            return parsed.Failure is { } invalid ? invalid.ToProblem() : Results.Ok(await s.ListAsync(parsed.Value, ct));
        });
        group.MapGet("/alerts/{id:guid}", async (Guid id, AlertService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } alert ? Results.Ok(alert) : Failure.NotFound("The alert").ToProblem());
        group.MapPost("/alerts/{id:guid}/acknowledge", async (Guid id, AlertService s, CancellationToken ct) =>
            (await s.AcknowledgeAsync(id, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.Editor);
        group.MapPost("/alerts/{id:guid}/close", async (Guid id, AlertService s, CancellationToken ct) =>
            (await s.CloseAsync(id, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.Editor);

        if (api.ServiceProvider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(IAlertWorkItemCreator)))
        {
            group.MapPost("/alerts/{id:guid}/work-item", async (Guid id, AlertService s, IAlertWorkItemCreator creator, CancellationToken ct) =>
            {
                if (await s.GetAsync(id, ct) is not { } alert) return Failure.NotFound("The alert").ToProblem();
                var created = await creator.CreateAsync(alert, ct);
                if (created.Failure is { } failure) return failure.ToProblem();
                return (await s.LinkWorkItemAsync(id, created.Value, ct)).ToResult(TypedResults.Ok);
            }).RequireAuthorization(TenantPolicies.Editor);
        }
        return api;
    }

    /// <summary>open, acknowledged or closed (any case); none lists every alert.</summary>
    private static OperationResult<AlertStatus?> ParseStatus(string? status) =>
        string.IsNullOrEmpty(status) ? new OperationResult<AlertStatus?>(null, null)
        : Enum.TryParse<AlertStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _)
            ? new OperationResult<AlertStatus?>(parsed, null)
            : Failure.Invalid("status", "'status' must be open, acknowledged or closed.");
}
