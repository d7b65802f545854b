using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>
/// Resolves the tenant once when a Blazor circuit opens, from the principal the circuit was started with, and keeps
/// it in the circuit's scoped <see cref="CurrentTenant"/>. Switching tenant reloads the page, which opens a new circuit.
/// </summary>
public sealed class TenantCircuitHandler(AuthenticationStateProvider authentication, CurrentTenant current) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        current.SetFrom(state.User);
    }
}
