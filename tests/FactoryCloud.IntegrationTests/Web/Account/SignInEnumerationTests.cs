using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>
/// Sign-in tells a stranger nothing about which accounts exist: the same answer and the same password-hash work for
/// an unknown address as for a wrong password, and delays (per address and account) that fall alike on unknown and
/// real accounts and never keep the owner out from another address. Its own app: the first delay is an hour, so
/// nothing here depends on how fast the machine is.
/// </summary>
public sealed class SignInEnumerationTests(DatabaseServers servers) : IAsyncLifetime
{
    private readonly HashCounter _hashes = new();
    private WebApplicationFactory<Program> _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), new Dictionary<string, string?>
        {
            ["Accounts:FreeFailures"] = "3",
            ["Accounts:FirstDelay"] = "01:00:00",
            ["Accounts:MaxDelay"] = "04:00:00",
        });
        _app = app.WithWebHostBuilder(builder =>
        {
            RemoteAddress.SimulateFromHeader(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(_hashes);
                services.AddScoped<IPasswordHasher<AppUser>, CountingHasher>();
            });
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnUnknownAddressAndAWrongPasswordGetTheSameAnswerAndCostOneHashEach()
    {
        var owner = await ApiSession.SignUpAsync(_app.CreateClient());

        var before = _hashes.Verifications;
        using var wrong = await SignInFromAsync("198.51.100.1", owner.Email, "Not-The-Password-42");
        var forWrong = _hashes.Verifications - before;
        before = _hashes.Verifications;
        using var unknown = await SignInFromAsync("198.51.100.1", $"nobody-{Guid.NewGuid():N}@example.test", "Not-The-Password-42");
        var forUnknown = _hashes.Verifications - before;

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await ProblemAsync(wrong), await ProblemAsync(unknown));
        Assert.Equal(1, forWrong);
        Assert.Equal(1, forUnknown); // the dummy hash: as slow as a real account
    }

    [Fact]
    public async Task TheSignInFormShowsTheSameMessageForAnUnknownAddressAndAWrongPassword()
    {
        var owner = await ApiSession.SignUpAsync(_app.CreateClient());

        var wrong = await (await BrowserSignIn.PostAsync(_app.CreateClient(), owner.Email, "Not-The-Password-42")).Content.ReadAsStringAsync(Ct);
        var unknown = await (await BrowserSignIn.PostAsync(_app.CreateClient(), $"nobody-{Guid.NewGuid():N}@example.test", "Not-The-Password-42")).Content.ReadAsStringAsync(Ct);

        Assert.Equal(LoginError(wrong), LoginError(unknown));
        Assert.Contains("not correct", LoginError(wrong), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedFailuresWaitAlikeForARealAndAnUnknownAccountWithoutSayingWhichExists()
    {
        var owner = await ApiSession.SignUpAsync(_app.CreateClient());
        var nobody = $"nobody-{Guid.NewGuid():N}@example.test";

        var real = await FailuresFromAsync("198.51.100.2", owner.Email);
        var unknown = await FailuresFromAsync("198.51.100.2", nobody);

        HttpStatusCode[] expected = [.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests];
        Assert.Equal(expected, real.Select(r => r.Status));
        Assert.Equal(expected, unknown.Select(r => r.Status));
        Assert.Equal(real.Select(r => r.Title), unknown.Select(r => r.Title));
        // Even the right password waits from that address: the delay is the answer, whatever is tried.
        using var rightPassword = await SignInFromAsync("198.51.100.2", owner.Email, owner.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPassword.StatusCode);
        Assert.True(rightPassword.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task AStrangerGuessingFromOneAddressCannotLockTheOwnerOut()
    {
        var owner = await ApiSession.SignUpAsync(_app.CreateClient());
        for (var i = 0; i < 8; i++)
            using (await SignInFromAsync("198.51.100.66", owner.Email, $"Guess-number-{i}-xyz")) { }
        using var stranger = await SignInFromAsync("198.51.100.66", owner.Email, owner.Password);

        using var ownerFromHome = await SignInFromAsync("198.51.100.3", owner.Email, owner.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerFromHome.StatusCode);
    }

    [Fact]
    public async Task ASuccessfulSignInStartsTheCountAgain()
    {
        var owner = await ApiSession.SignUpAsync(_app.CreateClient());
        for (var i = 0; i < 3; i++)
            using (await SignInFromAsync("198.51.100.4", owner.Email, "Typo-in-password-1")) { }
        using (var ok = await SignInFromAsync("198.51.100.4", owner.Email, owner.Password)) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var again = await FailuresFromAsync("198.51.100.4", owner.Email, attempts: 4);

        Assert.All(again, r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
    }

    private async Task<List<(HttpStatusCode Status, string? Title)>> FailuresFromAsync(string address, string email, int attempts = 6)
    {
        var answers = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < attempts; i++)
        {
            using var response = await SignInFromAsync(address, email, "Not-The-Password-42");
            answers.Add((response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString()));
        }
        return answers;
    }

    private async Task<HttpResponseMessage> SignInFromAsync(string address, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(RemoteAddress.Header, address);
        return await _app.CreateClient().SendAsync(request, Ct);
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return $"{problem.GetProperty("status").GetInt32()} {problem.GetProperty("title").GetString()} {problem.GetProperty("detail").GetString()}";
    }

    private static string LoginError(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\">([^<]*)<");
        Assert.True(match.Success, "The page shows no sign-in error.");
        return match.Groups[1].Value;
    }

    /// <summary>Counts password-hash verifications in this app (the real hasher does the work).</summary>
    public sealed class HashCounter
    {
        private int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);
        public void Count() => Interlocked.Increment(ref _verifications);
    }

    private sealed class CountingHasher(HashCounter counter, IOptions<PasswordHasherOptions> options) : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _real = new(options);

        public string HashPassword(AppUser user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
