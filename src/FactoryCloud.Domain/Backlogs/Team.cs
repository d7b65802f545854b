using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>A cross-functional team: members with their disciplines, serving some sites, lines or machines.</summary>
public sealed class Team : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public List<TeamMember> Members { get; set; } = [];
    public List<ServedAsset> Serves { get; set; } = [];
}
