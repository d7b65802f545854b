using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Domain.Accounts;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>The clean-up job deletes dead refresh tokens and expired sign-in counts in small batches, and keeps the rest.</summary>
public sealed class AccountCleanupTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeadRefreshTokensAndExpiredCountsGoInBatchesAndLiveOnesStay(DatabaseProvider provider)
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(provider), new Dictionary<string, string?>
        {
            ["Accounts:Cleanup:BatchSize"] = "2",
            ["Accounts:Cleanup:Interval"] = "1.00:00:00",
        });
        var owner = await ApiSession.SignUpAsync(app);
        var now = DateTimeOffset.UtcNow;
        var family = Guid.NewGuid();
        RefreshToken Row(string name, Action<RefreshToken> shape)
        {
            var row = new RefreshToken
            {
                UserId = owner.UserId, FamilyId = family, TokenHash = TokenSecret.Hash(name + Guid.NewGuid()), SecurityStamp = "s",
                CreatedAt = now.AddDays(-1), ExpiresAt = now.AddDays(13), FamilyExpiresAt = now.AddDays(29),
            };
            shape(row);
            return row;
        }
        var removable = new[]
        {
            Row("revoked", r => r.RevokedAt = now.AddMinutes(-1)),
            Row("family over", r => { r.UsedAt = now.AddDays(-2); r.FamilyExpiresAt = now.AddSeconds(-1); }),
            Row("tip expired", r => r.ExpiresAt = now.AddSeconds(-1)),
            Row("revoked too", r => r.RevokedAt = now.AddDays(-3)),
            Row("revoked three", r => r.RevokedAt = now.AddDays(-4)),
        };
        var kept = new[]
        {
            Row("live", _ => { }),
            Row("used, family alive", r => { r.UsedAt = now.AddHours(-1); r.ExpiresAt = now.AddSeconds(-1); }),
        };
        var expiredKey = SignInFailureKey.For("198.51.100.9", Guid.NewGuid() + "@example.test");
        var liveKey = SignInFailureKey.For("198.51.100.9", Guid.NewGuid() + "@example.test");
        await using (var db = app.Database.Contexts.Create(DataScope.None))
        {
            db.RefreshTokens.AddRange(removable);
            db.RefreshTokens.AddRange(kept);
            db.SignInFailures.Add(new SignInFailure { Key = expiredKey, Failures = 5, LastFailureAt = now.AddHours(-3), ExpiresAt = now.AddSeconds(-1) });
            db.SignInFailures.Add(new SignInFailure { Key = liveKey, Failures = 5, LastFailureAt = now, ExpiresAt = now.AddHours(1) });
            await db.SaveChangesAsync(Ct);
        }

        var cleanup = app.Services.GetServices<IHostedService>().OfType<AccountCleanup>().Single();
        var removed = await cleanup.RunAsync(Ct);

        Assert.True(removed.RefreshTokens >= removable.Length);
        await using var check = app.Database.Contexts.Create(DataScope.None);
        var left = await check.RefreshTokens.Where(t => t.FamilyId == family).Select(t => t.Id).ToListAsync(Ct);
        Assert.Equal(kept.Select(k => k.Id).Order(), left.Order());
        Assert.False(await check.SignInFailures.AnyAsync(f => f.Key == expiredKey, Ct));
        Assert.True(await check.SignInFailures.AnyAsync(f => f.Key == liveKey, Ct));
    }
}
