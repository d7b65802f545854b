namespace FactoryCloud.Domain.Maturity;

/// <summary>The three groups a model's dimensions fall into.</summary>
public enum DimensionGroup
{
    Process,
    Technology,
    Organisation,
}
