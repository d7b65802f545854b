using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.IntegrationTests.Web.Security;

/// <summary>
/// The app as the README's run command starts it (Development), on PostgreSQL: whatever fails, the caller gets
/// problem details with a trace id or the error page, never an exception's type, message or stack trace.
/// </summary>
public sealed class ErrorResponseTests(DatabaseServers servers) : IAsyncLifetime
{
    /// <summary>Throws from inside the pipeline (after the endpoints, like a failing endpoint) for this path.</summary>
    private const string FailingPath = "/api/v1/test/failure";
    private const string FailingPagePath = "/failure-test";
    private const string SecretMessage = "connection string Password=hunter2";

    private WebApplicationFactory<Program> _app = default!;

    public async ValueTask InitializeAsync()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        var development = new FactoryCloudApp(database, new Dictionary<string, string?>
        {
            ["environment"] = Environments.Development,
            ["Demo:Enabled"] = "false",
        });
        _app = development.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingEndpoint>()));
        Assert.True(_app.Services.GetRequiredService<IHostEnvironment>().IsDevelopment());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task MalformedJsonToEveryPostAndPutRouteAnswersBadRequestProblemDetails()
    {
        var owner = await ApiSession.SignUpAsync(_app.CreateClient());
        var openApi = await owner.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var routes = JsonBodyRoutes(openApi).ToList();
        Assert.True(routes.Count > 30, $"Only {routes.Count} POST/PUT routes with a JSON body in the OpenAPI document.");
        var failures = new List<string>();
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent("{\"name\": \"unterminated", Encoding.UTF8, "application/json"),
            };
            using var response = await owner.Client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.BadRequest
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || body.Contains("Exception", StringComparison.OrdinalIgnoreCase)
                || body.Contains("   at ", StringComparison.Ordinal)
                || !body.Contains("\"traceId\"", StringComparison.Ordinal))
                failures.Add($"{method} {path}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {body[..Math.Min(body.Length, 300)]}");
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task AnonymousMalformedSignUpSaysWhereTheJsonBrokeAndNothingElse()
    {
        using var response = await _app.CreateClient().PostAsync("/api/v1/signup",
            new StringContent("{\"organization\": 12,", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.StartsWith("The request body is not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task UnhandledExceptionAnswersProblemDetailsWithATraceIdAndNoExceptionText()
    {
        using var response = await _app.CreateClient().GetAsync(FailingPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        AssertNothingOfTheException(body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task UnhandledExceptionShowsABrowserTheErrorPageWithTheTraceId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, FailingPagePath);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await _app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"trace-id\"", html, StringComparison.Ordinal);
        AssertNothingOfTheException(html);
    }

    [Fact]
    public async Task UnknownPageShowsABrowserTheNotFoundPageAndTheApiProblemDetails()
    {
        using var page = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
        page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var pageResponse = await _app.CreateClient().SendAsync(page, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, pageResponse.StatusCode);
        Assert.Contains("Page not found", await pageResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var api = await _app.CreateClient().GetAsync("/api/v1/no/such/thing", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertNothingOfTheException(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(FailingEndpoint), body, StringComparison.Ordinal);
    }

    /// <summary>Every POST and PUT operation that takes a JSON body, with its path parameters filled in.</summary>
    private static IEnumerable<(string Method, string Path)> JsonBodyRoutes(JsonElement openApi)
    {
        foreach (var path in openApi.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put"))
            {
                if (!operation.Value.TryGetProperty("requestBody", out var body)
                    || !body.GetProperty("content").TryGetProperty("application/json", out _)) continue;
                var route = path.Name;
                var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                foreach (var parameter in parameters.Where(x => x.GetProperty("in").GetString() == "path"))
                {
                    var schema = parameter.GetProperty("schema");
                    var type = schema.TryGetProperty("type", out var t) ? t.ToString() : "";
                    var value = schema.TryGetProperty("format", out var f) && f.GetString() == "uuid" ? Guid.NewGuid().ToString()
                        : type.Contains("integer", StringComparison.Ordinal) ? "1"
                        : "x";
                    route = route.Replace("{" + parameter.GetProperty("name").GetString() + "}", value, StringComparison.Ordinal);
                }
                yield return (operation.Name.ToUpperInvariant(), route);
            }
        }
    }

    private sealed class FailingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path.StartsWithSegments(FailingPagePath) || context.Request.Path.StartsWithSegments(FailingPath)
                ? throw new InvalidOperationException(SecretMessage)
                : nextMiddleware(context));
        };
    }
}
