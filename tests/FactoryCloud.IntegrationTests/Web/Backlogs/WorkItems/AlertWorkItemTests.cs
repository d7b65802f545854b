using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.WorkItems;

/// <summary>An alert becomes a task in the backlog of the team that serves its machine, linked to the machine.</summary>
public sealed class AlertWorkItemTests(DatabaseServers servers)
{
    [Fact]
    public async Task AnAlertBecomesATaskInTheProductOfTheTeamServingItsLineLinkedToTheMachine()
    {
        var scenario = await AlertScenario.CreateAsync(await servers.AppAsync(DatabaseProvider.Postgres));
        var owner = scenario.Owner.Client;
        await CreatedIdAsync(owner.PostAsJsonAsync("/api/v1/products", new { name = "Energy dashboard" }));
        var team = await CreatedIdAsync(owner.PostAsJsonAsync("/api/v1/teams", new
        {
            name = "Line 1 crew", serves = new[] { new { kind = "Line", id = scenario.Plant.Line } },
        }));
        var product = await CreatedIdAsync(owner.PostAsJsonAsync("/api/v1/products", new { name = "Line 1 uptime", teamId = team }));
        var alert = (await scenario.RaiseAsync()).GetProperty("id").GetGuid();

        var response = await owner.PostAsync($"/api/v1/alerts/{alert}/work-item", null);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var workItemId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workItemId").GetGuid();
        await using var db = scenario.App.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(scenario.Owner.TenantId));
        var item = await db.WorkItems.SingleAsync(w => w.Id == workItemId, TestContext.Current.CancellationToken);
        Assert.Equal(product, item.ProductId);
        Assert.Equal(WorkItemType.Task, item.Type);
        Assert.Equal("Press down: Press 1", item.Title);
        var link = await db.WorkItemLinks.SingleAsync(l => l.WorkItemId == workItemId, TestContext.Current.CancellationToken);
        Assert.Equal((LinkKinds.Machine, scenario.Plant.Machine.ToString()), (link.Kind, link.TargetId));
    }

    [Fact]
    public async Task WithoutAnyProductTheAlertCannotBecomeAWorkItemAndSaysWhy()
    {
        var scenario = await AlertScenario.CreateAsync(await servers.AppAsync(DatabaseProvider.Sqlite));
        var alert = (await scenario.RaiseAsync()).GetProperty("id").GetGuid();

        var response = await scenario.Owner.Client.PostAsync($"/api/v1/alerts/{alert}/work-item", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("create one on the Backlogs page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<Guid> CreatedIdAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
