using System.Security.Claims;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Entra;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Tenancy;

/// <summary>
/// An open circuit's user is re-checked on a timer against the real database: removal, a lowered role or a new
/// security stamp sign the circuit out and clear its tenant; an Entra sign-in past its lifetime ends too.
/// </summary>
public sealed class CircuitRevalidationTests : IAsyncLifetime
{
    private readonly MembersScenario _scenario = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private ServiceProvider _services = default!;

    public async ValueTask InitializeAsync()
    {
        await _scenario.InitializeAsync();
        var services = new ServiceCollection();
        _scenario.Database.AddTo(services);
        services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<AppDbContext>();
        services.AddSingleton<TimeProvider>(_clock);
        services.Configure<SessionRevalidationOptions>(o => o.Interval = TimeSpan.FromMilliseconds(50));
        services.AddScoped<SessionAccessCheck>();
        services.AddScoped<MembershipRevalidatingAuthenticationStateProvider>();
        _services = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _scenario.DisposeAsync();
    }

    [Fact]
    public void Open_circuits_are_rechecked_every_30_seconds_by_default() =>
        Assert.Equal(TimeSpan.FromSeconds(30), new SessionRevalidationOptions().Interval);

    [Fact]
    public async Task A_removed_member_is_signed_out_of_an_open_circuit_and_its_tenant_cleared()
    {
        var member = _scenario.Acme.Member(TenantRole.PlantManager);
        await using var circuit = await OpenCircuitAsync(member);

        await using (var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Acme.Id)))
            await db.Memberships.Where(m => m.Id == member.MembershipId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);

        var state = await circuit.NextStateAsync();
        Assert.False(state.User.Identity?.IsAuthenticated);
        Assert.False(circuit.Tenant.IsResolved);
    }

    [Fact]
    public async Task A_circuit_of_an_organisation_scheduled_for_deletion_is_signed_out_so_the_next_page_shows_the_hold()
    {
        var member = _scenario.Acme.Member(TenantRole.PlantManager);
        await using var circuit = await OpenCircuitAsync(member);

        await using (var db = _scenario.Database.Contexts.Create(DataScope.None))
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == _scenario.Acme.Id, TestContext.Current.CancellationToken);
            TenantDeletion.MarkDeleted(tenant, member.UserId, DateTimeOffset.UtcNow, TimeSpan.FromDays(30));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.False((await circuit.NextStateAsync()).User.Identity?.IsAuthenticated);
        Assert.False(circuit.Tenant.IsResolved);
    }

    [Fact]
    public async Task A_member_whose_role_is_lowered_is_signed_out_of_an_open_circuit()
    {
        var member = _scenario.Acme.Member(TenantRole.Admin);
        await using var circuit = await OpenCircuitAsync(member);

        await using (var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Acme.Id)))
            await db.Memberships.Where(m => m.Id == member.MembershipId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, TenantRole.Viewer), TestContext.Current.CancellationToken);

        Assert.False((await circuit.NextStateAsync()).User.Identity?.IsAuthenticated);
        Assert.False(circuit.Tenant.IsResolved);
    }

    [Fact]
    public async Task A_new_security_stamp_signs_the_user_out_of_an_open_circuit()
    {
        var member = _scenario.Acme.Member(TenantRole.TeamMember);
        await using var circuit = await OpenCircuitAsync(member);

        await using (var scope = _services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(member.UserId.ToString()))!);
        }

        Assert.False((await circuit.NextStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task A_member_whose_access_is_unchanged_keeps_it()
    {
        var member = _scenario.Acme.Member(TenantRole.Viewer);
        await using var scope = _services.CreateAsyncScope();

        Assert.True(await scope.ServiceProvider.GetRequiredService<SessionAccessCheck>()
            .StillValidAsync(await PrincipalAsync(member), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_raised_role_keeps_the_circuit_open()
    {
        var member = _scenario.Acme.Member(TenantRole.Viewer);
        var principal = await PrincipalAsync(member);
        await using (var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Acme.Id)))
            await db.Memberships.Where(m => m.Id == member.MembershipId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, TenantRole.Admin), TestContext.Current.CancellationToken);
        await using var scope = _services.CreateAsyncScope();

        Assert.True(await scope.ServiceProvider.GetRequiredService<SessionAccessCheck>().StillValidAsync(principal, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_entra_sign_in_ends_after_its_lifetime_so_the_group_is_checked_again()
    {
        var member = _scenario.Acme.Member(TenantRole.TeamMember);
        var principal = await PrincipalAsync(member, EntraSession.Stamp(_clock.GetUtcNow()));
        await using var scope = _services.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<SessionAccessCheck>();

        _clock.Advance(new EntraOptions().SessionLifetime - TimeSpan.FromSeconds(1));
        Assert.True(await check.StillValidAsync(principal, TestContext.Current.CancellationToken));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await check.StillValidAsync(principal, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_anonymous_circuit_has_nothing_to_lose()
    {
        await using var scope = _services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<SessionAccessCheck>()
            .StillValidAsync(new ClaimsPrincipal(new ClaimsIdentity()), TestContext.Current.CancellationToken));
    }

    /// <summary>A principal as the cookie carries it after the claims transformation: user, stamp, preferred tenant and membership.</summary>
    private async Task<ClaimsPrincipal> PrincipalAsync(SeededMember member, params Claim[] extra)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var stamp = await users.GetSecurityStampAsync((await users.FindByIdAsync(member.UserId.ToString()))!);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, member.UserId.ToString()),
                new Claim(ClaimTypes.Name, member.Email),
                new Claim(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType, stamp),
                new Claim(TenantClaims.PreferredTenant, _scenario.Acme.Id.ToString()),
                .. extra,
            ],
            IdentityConstants.ApplicationScheme));
        principal.AddIdentity(TenantClaims.ToIdentity(_scenario.Acme.MembershipAs(member.Role)));
        return principal;
    }

    private async Task<OpenCircuit> OpenCircuitAsync(SeededMember member)
    {
        var scope = _services.CreateAsyncScope();
        var principal = await PrincipalAsync(member);
        var tenant = scope.ServiceProvider.GetRequiredService<CurrentTenant>();
        tenant.SetFrom(principal);
        Assert.True(tenant.IsResolved);
        var provider = scope.ServiceProvider.GetRequiredService<MembershipRevalidatingAuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal))); // announces the signed-in state
        return new OpenCircuit(scope, tenant, provider); // listens from here on
    }

    /// <summary>A circuit's scope: its tenant, its authentication state provider and the next state it announces.</summary>
    private sealed class OpenCircuit : IAsyncDisposable
    {
        private readonly AsyncServiceScope _scope;
        private readonly TaskCompletionSource<AuthenticationState> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OpenCircuit(AsyncServiceScope scope, CurrentTenant tenant, AuthenticationStateProvider provider)
        {
            _scope = scope;
            Tenant = tenant;
            provider.AuthenticationStateChanged += async state => _next.TrySetResult(await state);
        }

        public CurrentTenant Tenant { get; }

        public Task<AuthenticationState> NextStateAsync() => _next.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        public ValueTask DisposeAsync() => _scope.DisposeAsync();
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
