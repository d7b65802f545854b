using FactoryCloud.Domain.Backlogs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class CustomFieldRulesTests
{
    private static CustomFieldDefinition Field(CustomFieldKind kind, bool required = false, params string[] options) =>
        new() { Name = "Plant area", Kind = kind, Required = required, Options = [.. options] };

    [Theory]
    [InlineData(CustomFieldKind.Text, " hello ", "hello")]
    [InlineData(CustomFieldKind.Number, "12.50", "12.5")]
    [InlineData(CustomFieldKind.Number, "-3e2", "-300")]
    [InlineData(CustomFieldKind.Date, "2026-11-24", "2026-11-24")]
    public void AcceptsAndCanonicalisesValidValues(CustomFieldKind kind, string raw, string canonical)
    {
        var outcome = CustomFieldRules.Validate(Field(kind), [raw]);
        Assert.True(outcome.IsValid, outcome.Error);
        Assert.Equal([canonical], outcome.Values);
    }

    [Theory]
    [InlineData(CustomFieldKind.Number, "twelve")]
    [InlineData(CustomFieldKind.Number, "NaN")]
    [InlineData(CustomFieldKind.Number, "1,5")]
    [InlineData(CustomFieldKind.Date, "24.11.2026")]
    [InlineData(CustomFieldKind.Date, "2026-02-30")]
    public void RefusesMalformedValues(CustomFieldKind kind, string raw) =>
        Assert.False(CustomFieldRules.Validate(Field(kind), [raw]).IsValid);

    [Fact]
    public void SingleSelectTakesOneKnownOptionSpelledAsDefined()
    {
        var field = Field(CustomFieldKind.SingleSelect, false, "Press shop", "Paint");
        Assert.Equal(["Paint"], CustomFieldRules.Validate(field, ["paint"]).Values);
        Assert.False(CustomFieldRules.Validate(field, ["Welding"]).IsValid);
        Assert.False(CustomFieldRules.Validate(field, ["Paint", "Press shop"]).IsValid);
    }

    [Fact]
    public void MultiSelectTakesSeveralDistinctKnownOptions()
    {
        var field = Field(CustomFieldKind.MultiSelect, false, "MES", "ERP", "SCADA");
        Assert.Equal(["MES", "SCADA"], CustomFieldRules.Validate(field, ["mes", "SCADA", "MES"]).Values);
        Assert.Contains("'CRM' is not an option", CustomFieldRules.Validate(field, ["MES", "CRM"]).Error);
    }

    [Fact]
    public void ARequiredFieldNeedsAValueAndAnOptionalOneMayBeEmpty()
    {
        Assert.Equal("Plant area is required.", CustomFieldRules.Validate(Field(CustomFieldKind.Text, required: true), [" "]).Error);
        Assert.Empty(CustomFieldRules.Validate(Field(CustomFieldKind.Number), []).Values);
    }

    [Theory]
    [InlineData(CustomFieldKind.Text, new string[0], true)]
    [InlineData(CustomFieldKind.Text, new[] { "a" }, false)]
    [InlineData(CustomFieldKind.SingleSelect, new string[0], false)]
    [InlineData(CustomFieldKind.MultiSelect, new[] { "a", "A" }, false)]
    [InlineData(CustomFieldKind.MultiSelect, new[] { "a", "b" }, true)]
    public void DefinitionsNeedOptionsExactlyWhenTheyAreSelects(CustomFieldKind kind, string[] options, bool valid) =>
        Assert.Equal(valid, CustomFieldRules.DefinitionProblem(kind, options) is null);
}
