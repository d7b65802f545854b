using FactoryCloud.Domain.Plants;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Plants;

/// <summary>REST endpoints for the ISA-95 hierarchy and device credentials. Reads: any member; writes: Owner, Admin, PlantManager.</summary>
public static class PlantsApi
{
    public static IEndpointRouteBuilder MapPlantsApi(this IEndpointRouteBuilder api)
    {
        var plants = api.MapGroup("").WithTags("Plants").RequireAuthorization(TenantPolicies.Member);

        plants.MapGet("/sites", async (AssetService s, CancellationToken ct) => TypedResults.Ok(await s.ListSitesAsync(ct)));
        plants.MapGet("/sites/{id:guid}", async (Guid id, AssetService s, CancellationToken ct) =>
            await s.GetSiteAsync(id, ct) is { } site ? Results.Ok(site) : Failure.NotFound("The site").ToProblem());
        plants.MapPost("/sites", async (SiteRequest body, AssetService s, CancellationToken ct) =>
            (await s.CreateSiteAsync(body, ct)).ToResult(v => TypedResults.Created($"/api/v1/sites/{v.Id}", v))).RequireAuthorization(TenantPolicies.ManagePlants);
        plants.MapPut("/sites/{id:guid}", async (Guid id, SiteRequest body, AssetService s, CancellationToken ct) =>
            (await s.UpdateSiteAsync(id, body, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.ManagePlants);
        plants.MapDelete("/sites/{id:guid}", async (Guid id, AssetService s, CancellationToken ct) =>
            (await s.DeleteSiteAsync(id, ct)).ToResult()).RequireAuthorization(TenantPolicies.ManagePlants);

        plants.MapGet("/sites/{id:guid}/areas", async (Guid id, AssetService s, CancellationToken ct) => TypedResults.Ok(await s.ListAreasAsync(id, ct)));
        plants.MapPost("/sites/{id:guid}/areas", async (Guid id, AssetRequest body, AssetService s, CancellationToken ct) =>
            (await s.CreateAreaAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/areas/{v.Id}", v))).RequireAuthorization(TenantPolicies.ManagePlants);
        plants.MapPut("/areas/{id:guid}", async (Guid id, AssetRequest body, AssetService s, CancellationToken ct) =>
            (await s.UpdateAreaAsync(id, body, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.ManagePlants);
        plants.MapDelete("/areas/{id:guid}", async (Guid id, AssetService s, CancellationToken ct) =>
            (await s.DeleteAreaAsync(id, ct)).ToResult()).RequireAuthorization(TenantPolicies.ManagePlants);

        plants.MapGet("/areas/{id:guid}/lines", async (Guid id, AssetService s, CancellationToken ct) => TypedResults.Ok(await s.ListLinesAsync(id, ct)));
        plants.MapPost("/areas/{id:guid}/lines", async (Guid id, AssetRequest body, AssetService s, CancellationToken ct) =>
            (await s.CreateLineAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/lines/{v.Id}", v))).RequireAuthorization(TenantPolicies.ManagePlants);
        plants.MapPut("/lines/{id:guid}", async (Guid id, AssetRequest body, AssetService s, CancellationToken ct) =>
            (await s.UpdateLineAsync(id, body, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.ManagePlants);
        plants.MapDelete("/lines/{id:guid}", async (Guid id, AssetService s, CancellationToken ct) =>
            (await s.DeleteLineAsync(id, ct)).ToResult()).RequireAuthorization(TenantPolicies.ManagePlants);

        plants.MapGet("/lines/{id:guid}/machines", async (Guid id, AssetService s, CancellationToken ct) => TypedResults.Ok(await s.ListMachinesAsync(id, ct)));
        plants.MapPost("/lines/{id:guid}/machines", async (Guid id, MachineRequest body, AssetService s, CancellationToken ct) =>
            (await s.CreateMachineAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/machines/{v.Id}", v))).RequireAuthorization(TenantPolicies.ManagePlants);
        plants.MapGet("/machines/{id:guid}", async (Guid id, AssetService s, CancellationToken ct) =>
            await s.GetMachineAsync(id, ct) is { } machine ? Results.Ok(machine) : Failure.NotFound("The machine").ToProblem());
        plants.MapPut("/machines/{id:guid}", async (Guid id, MachineRequest body, AssetService s, CancellationToken ct) =>
            (await s.UpdateMachineAsync(id, body, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.ManagePlants);
        plants.MapDelete("/machines/{id:guid}", async (Guid id, AssetService s, CancellationToken ct) =>
            (await s.DeleteMachineAsync(id, ct)).ToResult()).RequireAuthorization(TenantPolicies.ManagePlants);

        foreach (var (segment, kind) in new[] { ("machines", DeviceScopeKind.Machine), ("lines", DeviceScopeKind.Line), ("sites", DeviceScopeKind.Site) })
        {
            plants.MapPost($"/{segment}/{{id:guid}}/devices", async (Guid id, DeviceService s, CancellationToken ct) =>
                (await s.IssueAsync(kind, id, ct)).ToResult(v => TypedResults.Created($"/api/v1/devices/{v.DeviceId}", v)))
                .RequireAuthorization(TenantPolicies.ManagePlants);
        }
        plants.MapGet("/devices", async (DeviceService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        plants.MapGet("/devices/mosquitto/passwd", async (DeviceService s, CancellationToken ct) =>
            (await s.ExportMosquittoAsync(ct)).ToResult(f => TypedResults.Text(f.PasswordFile))).RequireAuthorization(TenantPolicies.ManagePlants)
            .AuditExport("Device mosquitto password file");
        plants.MapGet("/devices/mosquitto/acl", async (DeviceService s, CancellationToken ct) =>
            (await s.ExportMosquittoAsync(ct)).ToResult(f => TypedResults.Text(f.AclFile))).RequireAuthorization(TenantPolicies.ManagePlants)
            .AuditExport("Device mosquitto ACL file");
        plants.MapPost("/devices/{id:guid}/rotate", async (Guid id, DeviceService s, CancellationToken ct) =>
            (await s.RotateAsync(id, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.ManagePlants);
        plants.MapDelete("/devices/{id:guid}", async (Guid id, DeviceService s, CancellationToken ct) =>
            (await s.RevokeAsync(id, ct)).ToResult()).RequireAuthorization(TenantPolicies.ManagePlants);
        return api;
    }
}
