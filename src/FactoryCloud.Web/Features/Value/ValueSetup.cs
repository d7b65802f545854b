namespace FactoryCloud.Web.Features.Value;

public static class ValueSetup
{
    public static IServiceCollection AddValueInMoney(this IServiceCollection services) => services
        .AddScoped<CostRatesService>()
        .AddScoped<ValueInMoneyService>();
}
