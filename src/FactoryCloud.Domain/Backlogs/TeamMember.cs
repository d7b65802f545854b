namespace FactoryCloud.Domain.Backlogs;

/// <summary>A tenant member on a team (by user id) with their discipline; the name is kept for display.</summary>
public sealed record TeamMember(Guid UserId, string Name, Discipline Discipline);
