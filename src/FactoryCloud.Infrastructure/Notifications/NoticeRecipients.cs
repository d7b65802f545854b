using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>
/// The email addresses behind a policy's recipients, now: members holding a role, named members, the members of a
/// team. Only current members of the organisation are told (a team may list someone who has left).
/// </summary>
internal static class NoticeRecipients
{
    public static async Task<IReadOnlyList<string>> EmailsAsync(AppDbContext db, IEnumerable<string> recipients, CancellationToken ct) =>
        (await PeopleAsync(db, recipients, ct)).Where(p => p.Email is not null).Select(p => p.Email!).ToList();

    /// <summary>The members behind the recipients, with their address (null when they have none), ordered by address.</summary>
    public static async Task<IReadOnlyList<(Guid UserId, string? Email)>> PeopleAsync(AppDbContext db, IEnumerable<string> recipients, CancellationToken ct)
    {
        var parsed = recipients.Select(AlertRecipient.Parse).OfType<AlertRecipient>().ToList();
        if (parsed.Count == 0) return [];
        var members = await db.Memberships.Select(m => new { m.UserId, m.Role }).ToListAsync(ct);
        var teamIds = parsed.Where(r => r.Kind == AlertRecipientKind.Team).Select(r => r.Id!.Value).ToList();
        var teams = teamIds.Count == 0 ? [] : await db.Teams.Where(t => teamIds.Contains(t.Id)).ToListAsync(ct);

        var users = new HashSet<Guid>();
        foreach (var recipient in parsed)
        {
            switch (recipient.Kind)
            {
                case AlertRecipientKind.Role:
                    users.UnionWith(members.Where(m => m.Role == recipient.Role).Select(m => m.UserId));
                    break;
                case AlertRecipientKind.Member:
                    users.Add(recipient.Id!.Value);
                    break;
                default:
                    users.UnionWith(teams.Where(t => t.Id == recipient.Id).SelectMany(t => t.Members).Select(m => m.UserId));
                    break;
            }
        }
        users.IntersectWith(members.Select(m => m.UserId));
        if (users.Count == 0) return [];
        var ids = users.ToList();
        var people = await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.Email).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        return people.Select(p => (p.Id, p.Email)).ToList();
    }
}
