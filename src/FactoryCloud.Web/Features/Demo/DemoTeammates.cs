using System.Security.Cryptography;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// The demo teams' other members, so each team is cross-functional: people of the demo organisation (Team members)
/// with their own accounts, joined the way anyone joins, through an invitation accepted with a new account. Nobody
/// signs in as them: their passwords are random and never shown. Looked up by address, so a restart or a reset adds
/// nobody twice; an address that already has an account joins with that account.
/// </summary>
public sealed class DemoTeammates(InvitationService invitations, IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>A teammate: the address's local part is their name in lower case with dots (<c>ana.kowalska@factorycloud.local</c>).</summary>
    public sealed record Person(string Name, Discipline Discipline)
    {
        public string Email => $"{Name.ToLowerInvariant().Replace(' ', '.')}@factorycloud.local";
    }

    /// <summary>The user ids of <paramref name="people"/>, made members of the current (demo) organisation where they are not yet.</summary>
    public async Task<IReadOnlyDictionary<string, Guid>> EnsureAsync(IEnumerable<Person> people, CancellationToken ct)
    {
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var person in people.DistinctBy(p => p.Email))
        {
            if (await MemberIdAsync(person.Email) is not { } id)
            {
                await JoinAsync(person, ct);
                id = await MemberIdAsync(person.Email) ?? throw new InvalidOperationException($"The demo could not make {person.Name} a member.");
            }
            ids[person.Email] = id;
        }
        return ids;

        async Task<Guid?> MemberIdAsync(string email)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var normalized = email.ToUpperInvariant();
            return await db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.NormalizedEmail })
                .Where(x => x.NormalizedEmail == normalized).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
        }
    }

    private async Task JoinAsync(Person person, CancellationToken ct)
    {
        var invitation = (await invitations.CreateAsync(new InvitationRequest { Email = person.Email, Role = TenantRole.TeamMember }, ct))
            .Require($"an invitation for {person.Name}");
        var token = invitation.Link[(invitation.Link.LastIndexOf('/') + 1)..];
        Guid? existing;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var normalized = person.Email.ToUpperInvariant();
            existing = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        }
        var accepted = existing is { } userId
            ? await invitations.AcceptAsync(token, userId, person.Email, ct)
            : await invitations.AcceptWithNewAccountAsync(token, new NewAccountRequest
            {
                Name = person.Name, Password = "Demo-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            }, ct);
        accepted.Require($"{person.Name}'s membership");
    }
}
