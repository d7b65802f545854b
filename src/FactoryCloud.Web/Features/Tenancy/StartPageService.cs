using System.ComponentModel.DataAnnotations;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>The member's start page in the current organisation (<c>GET</c> answers it, <c>PUT</c> takes the same shape).</summary>
public sealed record StartPageView(StartPage StartPage, string Path);

public sealed class StartPageRequest
{
    [Required(ErrorMessage = "Choose Home, Program, Plants or Backlogs.")]
    [EnumDataType(typeof(StartPage), ErrorMessage = "Choose Home, Program, Plants or Backlogs.")]
    public StartPage? StartPage { get; set; }
}

/// <summary>
/// The signed-in member's own start page in the current organisation, kept on their membership
/// (<see cref="Membership.StartPage"/>): each call reads or changes the caller's row only, through the tenant-scoped
/// context, so no member can read or set another's, nor anything in another organisation.
/// </summary>
public sealed class StartPageService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current)
{
    public async Task<OperationResult<StartPageView>> GetAsync(CancellationToken ct = default)
    {
        if (Me() is not { } me) return Failure.Forbidden("Sign in as a member of the organisation.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var mine = await db.Memberships.AsNoTracking().Where(m => m.UserId == me).Select(m => (StartPage?)m.StartPage).FirstOrDefaultAsync(ct);
        return mine is { } page ? View(page) : Failure.Forbidden("Sign in as a member of the organisation.");
    }

    /// <summary>The member's start page, Home when nobody is signed in to an organisation (the home page's question).</summary>
    public async Task<StartPage> MineAsync(CancellationToken ct = default) =>
        (await GetAsync(ct)).Value?.StartPage ?? StartPage.Home;

    public async Task<OperationResult<StartPageView>> SetAsync(StartPageRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (Me() is not { } me) return Failure.Forbidden("Sign in as a member of the organisation.");
        var page = request.StartPage!.Value;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var changed = await db.Memberships.Where(m => m.UserId == me).ExecuteUpdateAsync(s => s.SetProperty(m => m.StartPage, page), ct);
        return changed == 1 ? View(page) : Failure.Forbidden("Sign in as a member of the organisation.");
    }

    private static StartPageView View(StartPage page) => new(page, StartPages.Path(page));

    private Guid? Me() => current.IsResolved && current.UserId is { } id && id != Guid.Empty ? id : null;
}
