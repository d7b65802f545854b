namespace FactoryCloud.Domain.Backlogs;

/// <summary>How many story points a member can take on in a sprint.</summary>
public sealed record MemberCapacity(Guid UserId, double Points);
