using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Infrastructure.Notifications;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// Notices in the demo user's notification centre on the first visit: a story of the running sprint assigned to them, a
/// mention in a comment on it, and the running sprint started. The seeding acts as the demo user, and nobody is told of
/// their own changes, so these are written as a teammate's (by name, in-app only: no email to the demo address).
/// Seeded only while the demo user has none of these kinds; a reset deletes and writes them again.
/// </summary>
public static class DemoNotifications
{
    public const string Teammate = "Ana Kowalska";

    private static readonly PersonalNoticeKind[] Kinds = [PersonalNoticeKind.Assigned, PersonalNoticeKind.Mentioned, PersonalNoticeKind.Sprint];

    public static async Task SeedAsync(IDbContextFactory<AppDbContext> contexts, Guid demoUser, IReadOnlyDictionary<string, Guid> products, TimeProvider clock, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.PersonalNotifications.AnyAsync(n => n.UserId == demoUser && Kinds.Contains(n.Kind), ct)) return;
        var productIds = products.Values.ToList();
        var running = await db.Sprints.Where(s => productIds.Contains(s.ProductId) && s.State == SprintState.Active)
            .OrderBy(s => s.Name).FirstOrDefaultAsync(ct);
        if (running is null) return;
        var product = await db.Products.SingleAsync(p => p.Id == running.ProductId, ct);
        var stories = await db.WorkItems.Where(w => w.SprintId == running.Id && w.Type == WorkItemType.Story)
            .OrderBy(w => w.Rank).Take(2).ToListAsync(ct);
        if (stories.Count == 0) return;
        var (assigned, mentioned) = (stories[0], stories[^1]);
        var now = clock.GetUtcNow();
        assigned.AssigneeId ??= demoUser;
        db.PersonalNotifications.AddRange(
            Notice(PersonalNoticeKind.Sprint, $"Sprint \"{running.Name}\" of {product.Name} started",
                $"{Teammate} started sprint \"{running.Name}\" ({running.StartDate:yyyy-MM-dd} to {running.EndDate:yyyy-MM-dd}).",
                $"/backlogs/{product.Id}/sprints", null, now.AddHours(-5), read: true),
            Notice(PersonalNoticeKind.Assigned, $"{Teammate} assigned you \"{assigned.Title}\"", $"{assigned.Type} \"{assigned.Title}\" is yours now.",
                PersonalNotices.ItemLink(assigned.Id), assigned.Id, now.AddHours(-2)),
            Notice(PersonalNoticeKind.Mentioned, $"{Teammate} mentioned you on \"{mentioned.Title}\"",
                "@demo can you check the changeover checklist before Thursday's trial?", PersonalNotices.ItemLink(mentioned.Id), mentioned.Id, now.AddMinutes(-40)));
        await db.SaveChangesAsync(ct);

        PersonalNotification Notice(PersonalNoticeKind kind, string title, string text, string link, Guid? item, DateTimeOffset at, bool read = false) => new()
        {
            UserId = demoUser, Kind = kind, Title = title, Text = text, Link = link, WorkItemId = item, CreatedAt = at, ReadAt = read ? at.AddHours(1) : null,
        };
    }

    /// <summary>Deletes the demo user's seeded kinds of notices (before a reset seeds them again).</summary>
    public static async Task DeleteAsync(IDbContextFactory<AppDbContext> contexts, Guid demoUser, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.PersonalNotifications.RemoveRange(await db.PersonalNotifications.Where(n => n.UserId == demoUser && Kinds.Contains(n.Kind)).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
    }
}
