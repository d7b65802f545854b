using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.ImportExport;

public sealed class BacklogCsvApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private const string Csv = """
        Title,Type,Column,Estimate,Tags,Due date,Description
        Scrap per shift,Story,Ready,3,mes;ui,2026-12-01,"Show it, per shift"
        ,Story,Ready,3,,,
        Fix counter,Bug,Nowhere,4,,31.12.2026,
        Energy view,Feature,,8,,,
        """;

    [Fact]
    public async Task ThePreviewListsEveryRowWithItsErrorsAndImportsNothing()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);

        var preview = await (await PostCsvAsync(owner, $"/api/v1/products/{product.Id}/import/preview")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((2, 2), (preview.GetProperty("valid").GetInt32(), preview.GetProperty("invalid").GetInt32()));
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.GetProperty("lineNumber").GetInt32()));
        var errors = rows[2].GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(3, errors.Count); // column, estimate off the scale, due date
        Assert.Contains(errors, e => e.StartsWith("Column 'Nowhere'", StringComparison.Ordinal));
        Assert.Empty(await product.BacklogOrderAsync());
    }

    [Fact]
    public async Task ImportRefusesAFileWithBadRowsUnlessTheyAreSkipped()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);

        var refused = await PostCsvAsync(owner, $"/api/v1/products/{product.Id}/import");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("line 4", out _));
        Assert.Empty(await product.BacklogOrderAsync());

        var imported = await PostCsvAsync(owner, $"/api/v1/products/{product.Id}/import?skipBadRows=true");
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal((2, 2), await ImportedAndSkippedAsync(imported));
        var ids = await product.BacklogOrderAsync();
        var first = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{ids[0]}");
        Assert.Equal(("Scrap per shift", "Ready", "Show it, per shift"), (first.GetProperty("title").GetString(), first.GetProperty("columnName").GetString(), first.GetProperty("description").GetString()));
        Assert.Equal(["mes", "ui"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Created", (await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/items/{ids[0]}/history"))![0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task AWorkItemTitleThatLooksLikeAFormulaIsExportedAsText()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        await product.AddAsync("=HYPERLINK(\"http://evil.example\",\"Details\")");
        await product.AddAsync("-3.5");

        var csv = await owner.Client.GetStringAsync($"/api/v1/products/{product.Id}/export.csv");

        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Details\"\")\",", csv, StringComparison.Ordinal);
        Assert.Contains(",-3.5,", csv, StringComparison.Ordinal); // a plain number stays a number
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportsTheBacklogAsCsvThatImportsBackAndAsExcel()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        await product.AddAsync("=cmd|' /C calc'!A0", estimate: 5, tags: ["mes"]);
        await product.AddAsync("Second, with comma", "Bug");

        var csv = await owner.Client.GetStringAsync($"/api/v1/products/{product.Id}/export.csv");
        Assert.StartsWith("Id,Type,Title,Column", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("'=cmd", csv, StringComparison.Ordinal);
        Assert.Contains("\"Second, with comma\"", csv, StringComparison.Ordinal);

        var copy = await TestProduct.CreateAsync(owner, "Copy");
        var reimport = await owner.Client.PostAsync($"/api/v1/products/{copy.Id}/import", new StringContent(csv.TrimStart('\uFEFF'), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, reimport.StatusCode);
        Assert.Equal(2, (await copy.BacklogOrderAsync()).Count);

        var xlsx = await owner.Client.GetByteArrayAsync($"/api/v1/products/{product.Id}/export.xlsx");
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheet("Backlog");
        Assert.Equal("Title", sheet.Cell(1, 3).GetString());
        Assert.Equal("Second, with comma", sheet.Cell(3, 3).GetString());
        Assert.Equal("5", sheet.Cell(2, 6).GetString());
    }

    private static Task<HttpResponseMessage> PostCsvAsync(ApiSession owner, string url) =>
        owner.Client.PostAsync(url, new StringContent(Csv, Encoding.UTF8, "text/csv"));

    private static async Task<(int, int)> ImportedAndSkippedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("imported").GetInt32(), body.GetProperty("skipped").GetInt32());
    }
}
