namespace FactoryCloud.Web.Features.Demo;

public static class DemoSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.AddSingleton<DemoStatus>();
        services.AddScoped<DemoBacklogs>();
        services.AddScoped<DemoTeammates>();
        services.AddScoped<DemoMaturity>();
        services.AddScoped<DemoContent>();
        services.AddScoped<DemoReset>();
        if (configuration.GetValue<bool>("Demo:Enabled")) services.AddHostedService<DemoPlant>();
        return services;
    }
}
