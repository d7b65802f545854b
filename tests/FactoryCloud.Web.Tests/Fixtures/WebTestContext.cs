using System.Security.Claims;
using Bunit;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace FactoryCloud.Web.Tests.Fixtures;

/// <summary>bUnit set-up shared by the tests (see docs: loose JS interop, MudBlazor services).</summary>
public static class WebTestContext
{
    /// <summary>
    /// How long a wait for a rendered state may take (bUnit's default is one second). The pages load from a real
    /// database while the other test projects run on the same cores, so a first load can take longer than a second;
    /// a wait is a deadline for "eventually", never a speed check (benchmarks measure speed). Waits return as soon as
    /// their assertion passes.
    /// </summary>
    public static readonly TimeSpan WaitDeadline = TimeSpan.FromSeconds(10);

    static WebTestContext() => BunitContext.DefaultWaitTimeout = WaitDeadline;

    /// <summary>
    /// A bUnit context with MudBlazor's services and loose JS interop (MudBlazor calls JS on every render; tests
    /// that care verify or set up specific calls). With a database, also the app's persistence and member services.
    /// Dispose it with <c>await using</c>: MudBlazor's services are async-disposable.
    /// </summary>
    public static BunitContext Create(TestDatabase? database = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        // <AntiforgeryToken /> in the user menu's and tenant switcher's hidden forms needs a token source.
        ctx.Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgeryStateProvider>();
        if (database is not null) database.AddTo(ctx.Services);
        else ctx.Services.AddLogging();
        return ctx;
    }

    /// <summary>Signs a member in: the authentication state for AuthorizeView and the circuit's resolved tenant.</summary>
    public static void SignIn(this BunitContext ctx, SeededMember member, ActiveMembership? membership)
    {
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(member.Email);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, member.UserId.ToString()));
        ctx.Services.GetRequiredService<CurrentTenant>().Set(member.UserId, membership);
    }

    private sealed class FixedAntiforgeryStateProvider : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
