namespace FactoryCloud.Web.Features.Backlogs;

/// <summary>Who is acting on the backlog: any member reads, everyone but a Viewer writes. Names the actor for history.</summary>
public sealed class BacklogActor(CurrentTenant current, TimeProvider clock)
{
    private string? _name;

    public Guid? UserId => current.UserId;
    public TenantRole? Role => current.Role;
    public DateTimeOffset Now => clock.GetUtcNow();

    public Failure? CannotEdit() =>
        current.Role?.CanEdit() == true ? null : Failure.Forbidden("Viewers cannot change backlogs.");

    /// <summary>Validates <paramref name="request"/> (data annotations) and checks the role.</summary>
    public Failure? RefuseWrite(object? request = null) =>
        (request is null ? null : RequestValidation.Validate(request)) ?? CannotEdit();

    public async Task<string> NameAsync(AppDbContext db, CancellationToken ct)
    {
        if (_name is not null) return _name;
        var id = current.UserId;
        _name = id is null ? "" : await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName ?? u.Email ?? "").FirstOrDefaultAsync(ct) ?? "";
        return _name;
    }
}
