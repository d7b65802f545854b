using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Infrastructure.Configuration;

/// <summary>
/// Options validation at start (<c>ValidateOnStart</c>) for settings classes that check themselves: the host does not
/// start while a setting is missing or contradicts another, and <see cref="StartupGuard"/> reports which.
/// </summary>
public static class SettingsValidation
{
    public static OptionsBuilder<T> ValidatedOnStart<T>(this OptionsBuilder<T> builder, Action<T> validate) where T : class =>
        builder.Validate(options =>
        {
            validate(options);
            return true;
        }).ValidateOnStart();

    /// <summary>Registers <paramref name="validate"/> to run when the host starts, for options bound from <paramref name="section"/>.</summary>
    public static IServiceCollection AddValidatedSettings<T>(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration section, Action<T> validate)
        where T : class
    {
        services.AddOptions<T>().Bind(section).ValidatedOnStart(validate);
        return services;
    }
}
