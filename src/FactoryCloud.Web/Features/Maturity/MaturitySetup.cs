using FactoryCloud.Web.Features.Files;
using FactoryCloud.Web.Features.Maturity.Evidence;

namespace FactoryCloud.Web.Features.Maturity;

public static class MaturitySetup
{
    public static IServiceCollection AddMaturity(this IServiceCollection services) => services
        .AddScoped<MaturityModelService>()
        .AddScoped<MaturityAssessmentService>()
        .AddScoped<EvidenceFileService>()
        .AddFileUploads()
        .AddScoped<EvidenceFactGatherer>()
        .AddScoped<MaturityEvidenceService>()
        .AddScoped<MaturityResultsService>()
        .AddScoped<GapBacklogService>()
        .AddScoped<GapValueService>();
}
