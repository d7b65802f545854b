using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Alerts;

/// <summary>With the default settings a webhook cannot reach loopback or the private network (SSRF), even on a live port.</summary>
public sealed class WebhookAddressGuardTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task ATestToALoopbackAddressIsRefusedAtConnectWithoutRetriesAndLogged()
    {
        using var receiver = new WebhookReceiver();
        var owner = await ApiSession.SignUpAsync(App);
        var created = await owner.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Inside", url = receiver.Url(), format = "GenericJson" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhook").GetProperty("id").GetGuid();

        var test = await (await owner.Client.PostAsync($"/api/v1/webhooks/{id}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(test.GetProperty("succeeded").GetBoolean());
        var attempt = Assert.Single(test.GetProperty("attempts").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
        Assert.Contains("not a public address", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }
}
