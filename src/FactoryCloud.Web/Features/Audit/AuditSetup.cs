namespace FactoryCloud.Web.Features.Audit;

public static class AuditSetup
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services) => services
        .AddScoped<ClientAddress>()
        .AddScoped<AuditLog>()
        .AddScoped<SignInAudit>()
        .AddScoped<AccountAudit>()
        .AddScoped<AuditTrailService>();
}
