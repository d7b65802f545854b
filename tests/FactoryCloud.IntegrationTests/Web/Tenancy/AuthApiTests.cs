using System.Net;
using System.Net.Http.Json;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Tenancy;

public sealed class AuthApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task WrongPasswordAnswersUnauthorizedProblem()
    {
        var owner = await ApiSession.SignUpAsync(App);

        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = "Wrong-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/members")]
    [InlineData("/api/v1/invitations")]
    public async Task AnonymousApiCallsAnswerUnauthorized(string path)
    {
        var response = await App.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ForgedBearerTokenIsRefused()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "CfDJ8-not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task LoginForATenantTheUserDoesNotBelongToIsForbidden()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var other = await ApiSession.SignUpAsync(App);

        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = owner.Password, tenant = other.Slug });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task HealthAndOpenApiEndpointsAnswer()
    {
        var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/signup", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/v1/members", openApi, StringComparison.Ordinal);
    }
}
