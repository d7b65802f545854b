namespace FactoryCloud.Web.Features.Backlogs.Shared;

/// <summary>Tags as typed in a text field ("api, mes"); normalising is the domain's <c>TagSet</c>.</summary>
public static class TagText
{
    public static List<string> Split(string? text) =>
        (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
