using FactoryCloud.Domain.Accounts;
using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Email;
using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Web.Features.Account;

public static class AccountSetup
{
    /// <summary>ASP.NET Identity with FactoryCloud's password rules, sign-in delays, email and recovery links.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var accountSection = configuration.GetSection(AccountOptions.Section);
        services.AddOptions<AccountOptions>().Bind(accountSection).ValidatedOnStart(o => o.Validate());
        var accounts = accountSection.Get<AccountOptions>() ?? new AccountOptions();
        var mailServer = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() is { Configured: true };
        services.AddEmail(configuration);

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // PasswordRulesValidator is the one password validator: length and the common-password list, no composition rules.
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequiredUniqueChars = 1;
                // No lockout: SignInDelays slow guessing per address and account instead, so a stranger cannot lock the owner out.
                o.Lockout.AllowedForNewUsers = false;
                o.SignIn.RequireConfirmedEmail = accounts.RequireConfirmedEmail ?? mailServer;
                o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.RemoveAll<IUserStore<AppUser>>();
        services.AddScoped<IUserStore<AppUser>, HashedRecoveryCodesUserStore>();
        services.RemoveAll<IPasswordValidator<AppUser>>();
        services.AddScoped<IPasswordValidator<AppUser>, PasswordRulesValidator>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = accounts.EmailConfirmationLifetime);
        services.Configure<PasswordResetTokenProviderOptions>(o => o.TokenLifespan = accounts.PasswordResetLifetime);

        services.AddScoped<UnknownAccountHashing>();
        services.AddSingleton<SignInDelays>();
        services.AddScoped<TwoFactorSettings>();
        services.AddHostedService<AccountCleanup>();
        services.AddOptions<AccountCleanupOptions>().Bind(configuration.GetSection(AccountCleanupOptions.Section));
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<SelfServiceSignUp>();
        services.AddScoped<AccountRecovery>();
        return services;
    }
}
