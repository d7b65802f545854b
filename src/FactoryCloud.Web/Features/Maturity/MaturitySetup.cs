using FactoryCloud.Web.Features.Maturity.Evidence;

namespace FactoryCloud.Web.Features.Maturity;

public static class MaturitySetup
{
    public static IServiceCollection AddMaturity(this IServiceCollection services) => services
        .AddScoped<MaturityModelService>()
        .AddScoped<MaturityAssessmentService>()
        .AddScoped<EvidenceFactGatherer>()
        .AddScoped<MaturityEvidenceService>()
        .AddScoped<MaturityResultsService>()
        .AddScoped<GapBacklogService>()
        .AddScoped<GapValueService>();
}
