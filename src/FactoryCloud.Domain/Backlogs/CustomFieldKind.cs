namespace FactoryCloud.Domain.Backlogs;

public enum CustomFieldKind
{
    Text,
    Number,
    Date,
    SingleSelect,
    MultiSelect,
}
