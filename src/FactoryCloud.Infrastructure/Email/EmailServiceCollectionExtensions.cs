using FactoryCloud.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Infrastructure.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>SMTP when <c>Email:Smtp:Host</c> is set, else the logging stand-in; and the background <see cref="EmailQueue"/>.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SmtpOptions.Section);
        services.AddOptions<SmtpOptions>().Bind(section).ValidatedOnStart(o => o.Validate());
        if (section.Get<SmtpOptions>() is { Configured: true })
            services.Replace(ServiceDescriptor.Singleton<IEmailSender, SmtpEmailSender>());
        services.AddSingleton<EmailQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailQueue>());
        return services;
    }
}
