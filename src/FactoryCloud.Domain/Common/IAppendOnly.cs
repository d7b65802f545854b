namespace FactoryCloud.Domain.Common;

/// <summary>
/// Marks an entity whose rows are written once and never changed or deleted (the audit trail). The data layer refuses
/// to save a change or deletion of one, and on PostgreSQL the app's role may only read and insert its table.
/// </summary>
public interface IAppendOnly;
