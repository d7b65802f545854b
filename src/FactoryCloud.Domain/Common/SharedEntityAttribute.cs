namespace FactoryCloud.Domain.Common;

/// <summary>
/// Marks an entity that deliberately belongs to no tenant (users, the tenants themselves).
/// Every entity is either <see cref="ITenantOwned"/> or carries this attribute; a model test checks it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SharedEntityAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
